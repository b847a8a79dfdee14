# The checker's own words in Polish (`--lang pl`): the report, the
# harness's messages and the command line's errors. Each key is the first
# argument of a `t!("key", "English …", name = …)` in checker/src/; the
# English is there, and its `{name}`s are `{ $name }` here.
# Syntax: https://projectfluent.org/fluent/guide/ (a space at the start of a
# value is written { " " }).

## The programs the checker starts, as the report names them.

program-server = serwer
program-client = klient
program-scanner = skaner

## The report.

report-header = { $lab } { $title }: sprawdzam { $exe } (ziarno { $seed }; --seed { $seed } powtórzy ten przebieg)
kind-not-implemented = jeszcze nie zaimplementowane
kind-crashed = awaria
kind-timeout = przekroczony czas
kind-wrong = niepoprawnie
kind-skipped = pominięty
kind-checker-error = błąd sprawdzarki
kind-does-not-compile = nie kompiluje się
hint-does-not-compile = popraw błędy wypisane przez cargo i sprawdź jeszcze raz
todo-at = todo!() w { $at }
todos-title = Jeszcze nie zaimplementowane:
todos-intro = testy zatrzymały się na { $count } todo!() do napisania; zacznij od pierwszego:
todos-holds-back =
    wstrzymuje { $count ->
        [one] { $count } test
        [few] { $count } testy
       *[many] { $count } testów
    } ({ $points ->
        [one] { $points } punkt
        [few] { $points } punkty
       *[many] { $points } punktów
    }): { $names }
label-checks = sprawdza
label-expected = oczekiwano
label-got = otrzymano
label-run-it = uruchom
label-hint = wskazówka
label-hint-level = wskazówka { $level }/{ $levels }
more-hints = więcej pomocy: `checker hint { $lab } { $test }` pokazuje następny poziom wskazówki
run-it-ended = { $label } { $ended }
transcript-title = zapis wymiany (ms od startu testu; c1, c2…: połączenia sprawdzarki; → wysłane przez sprawdzarkę, ← odebrane):
transcript-more = ... i jeszcze { $count } { $count ->
        [one] wpis
        [few] wpisy
       *[many] wpisów
    }
transcript-bytes = { $count } { $count ->
        [one] bajt
        [few] bajty
       *[many] bajtów
    }
transcript-left-out = … pominięte linie: { $count } …
stderr-title = stderr ({ $label }; ostatnie linie, znaki sterujące zapisane jako kody; │ oznacza wyjście programu):
summary = { $lab }: testy { $passed }/{ $counted }, punkty { $points }/{ $max }, czas { $seconds } s{ $skipped }
summary-skipped =
    { " " }({ $count } { $count ->
        [one] pominięty
        [few] pominięte
       *[many] pominiętych
    })
table-lab = lab
table-title = tytuł
table-tests = testy
table-points = punkty
table-total = razem

## How a program ended (after "serwer", "klient": a masculine subject).

exited-normally = zakończył się normalnie (kod 0)
exited-panicked = spanikował (kod wyjścia 101)
exited-with = zakończył się z kodem { $code }
killed-by-signal = został zabity sygnałem { $signal }{ $name }
signal-9 = { " " }(SIGKILL)
signal-11 = { " " }(SIGSEGV, awaria)
signal-6 = { " " }(SIGABRT, przerwanie)
signal-24 = { " " }(SIGXCPU: przekroczony limit czasu procesora)
signal-25 = { " " }(SIGXFSZ: przekroczony limit rozmiaru pliku)
signal-13 = { " " }(SIGPIPE)
ended = zakończył się
still-running-killed = nadal działał, gdy test się skończył, więc został zabity

## Why a test failed: the harness (checker/src/harness/, checker/src/runner.rs).

reached-todo = { $label } doszedł do todo!() w { $at }
and-at = { $all } oraz w { $next }
panicked-at = { $label } spanikował w { $at }: { $panic } ({ $message })
stopped-by-limit = { $label } został zatrzymany: { $why } ({ $message })
limit-cpu = zużył ponad { $seconds } s czasu procesora, limit sprawdzarki (nieskończona pętla?)
limit-file-size = zapisał plik większy niż { $size }, limit sprawdzarki
limit-memory = zabrakło mu pamięci: sprawdzarka pozwala na { $size } przestrzeni adresowej
limit-open-files = otworzył naraz ponad { $count } plików lub gniazd, limit sprawdzarki (czy zamyka połączenia?)
limit-processes = nie mógł uruchomić kolejnych wątków ani procesów: sprawdzarka pozwala na { $count } na użytkownika
checker-panicked = sama sprawdzarka spanikowała: { $panic }
nothing-on-stdout = nic na stdout
server-ended-before-ready = serwer { $ended }, zanim wypisał linię gotowości
no-ready-line = serwer nie wypisał linii gotowości
ready-line-expected = linia `listening on <ip>:<port>` na stdout
ready-line-bad-address = w linii gotowości nie ma poprawnego adresu
ready-line-example = `listening on <ip>:<port>`, np. `listening on 127.0.0.1:40123`
server-ended-before-listening = serwer { $ended }, zanim wypisał linię gotowości albo zaczął nasłuchiwać
no-ready-line-or-socket = serwer nie wypisał linii gotowości i nie nasłuchuje na żadnym gnieździe
ready-line-or-socket-expected = linia `listening on <ip>:<port>` na stdout albo gniazdo nasłuchujące na { $addr }
ready-line-other-port = serwer twierdzi, że nasłuchuje na porcie { $port }, a nie na porcie, który mu podano ({ $told })
skip-no-command = ten test uruchamia program `{ $role }`, a nie podano --{ $role }-cmd
skip-no-command-for-program = ten test uruchamia program labu `{ $program }`, którego --server-cmd ani --client-cmd nie zastąpią; oceń go zbudowanym labem albo przez --exe
could-not-connect = nie udało się połączyć z serwerem pod adresem { $addr }: { $error }
still-running = { $label } nadal działał: { $why }
program-to-exit = zakończenie programu
still-running-at-deadline = nadal działał po upływie limitu czasu
exit-not-successful = { $label } nie zakończył się pomyślnie ({ $why })
exit-status-0 = kod wyjścia 0
ended-without-connecting = { $label } { $ended }, nie łącząc się ze sprawdzarką
did-not-connect = { $label } nie połączył się z { $addr } w wyznaczonym czasie
send-broke = { $conn }: połączenie zerwało się, gdy sprawdzarka wysyłała dane: { $error }
send-broke-still = { $conn }: połączenie zerwało się, zanim sprawdzarka skończyła wysyłać: { $error }
the-line = linia { $line }
got-before-that = { $got }; wcześniej: { $before }
different-line = { $conn }: nadeszła inna linia
more-before-close = { $conn }: przed zamknięciem połączenia nadeszły jeszcze dane
end-of-stream = koniec strumienia
nothing = nic
nothing-more = nic więcej
closed-while-waiting = { $conn }: połączenie zostało zamknięte, zanim nadeszło oczekiwane: { $what }
then-end-of-stream = { $so_far }, potem koniec strumienia
nothing-more-arrived = { $conn }: nic więcej nie nadeszło, choć sprawdzarka nadal czekała (oczekiwano: { $what })
before-the-deadline = { $so_far } przed upływem limitu czasu

## Checks more than one lab uses (checker/src/labs/common.rs).

panicked-instead-of-error = { $label } spanikował zamiast zgłosić błąd
error-message-and-status = komunikat na stderr i niezerowy kod wyjścia
status-0-although-failed = { $label } zakończył się z kodem 0, choć mu się nie udało
non-zero-status = niezerowy kod wyjścia
error-message-vague = komunikat o błędzie ({ $label }) nie mówi, co poszło nie tak
message-mentioning = komunikat na stderr, w którym jest { $words }
and = { $all } i { $next }
ready-line-other-address = linia gotowości nie pokazuje adresu, na którym serwer miał nasłuchiwać
listens-elsewhere = serwer przyjął połączenie pod adresem { $elsewhere }: nasłuchuje nie tylko na { $host }
refused-bind-host = odmowa połączenia (connection refused): bind() tylko na adres z --host, nie na 0.0.0.0
connected = połączono
differs-from-byte = { $what } różni się od bajtu { $at } (oczekiwano { $expected } B, odebrano { $got } B)
at-byte = { $bytes } od bajtu { $at }
client-resets = klient zrywa połączenie, jak klient, który się wysypał; serwer powinien dalej obsługiwać innych
nothing-listens-on = na { $addr } nic nie nasłuchuje
give-up-when-refused = powinien się poddać, gdy odmówiono mu połączenia
ready-line-at = listening on { $addr }
told-host-tries-elsewhere = serwer dostał --host { $host }; sprawdzarka próbuje połączyć się z { $elsewhere }
starts-without-host = sprawdzarka uruchamia serwer bez --host: powinien nasłuchiwać na { $host }
starts-without-port = sprawdzarka uruchamia serwer bez --port: powinien nasłuchiwać na porcie { $port }
default-port-taken = port { $port } jest zajęty na { $addr } ({ $error }): inny program nasłuchuje na nim na każdym adresie, więc domyślny port serwera nie jest sprawdzany
not-default-port = bez --port serwer nie nasłuchuje na porcie laboratorium { $port }
client-without-port = klient jest uruchomiony bez --port: powinien połączyć się z portem { $port }
default-port-taken-client = sprawdzarka nie może nasłuchiwać na { $addr } ({ $error }): domyślny port klienta nie jest sprawdzany
connect-to-failed = connect() do { $addr }: { $error }
could-not-type = nie udało się wpisać linii klientowi (na jego stdin): { $error }
stdout-did-not-show = { $label } nie wypisał tego na stdout
checker-plays-server = sprawdzarka udaje serwer na { $addr }; żeby spróbować ręcznie, najpierw w drugim terminalu udawaj serwer: nc -l { $host } { $port }; potem wklej polecenie z `uruchom:` i wpisuj w nc linie serwera

## The command line's errors (checker/src/main.rs).

error-unexpected-argument = nieoczekiwany argument { $argument }; oceniaj jeden lab naraz albo `all`
error-watch-one-lab = --watch ocenia jeden lab; podaj jego nazwę zamiast `all`
watch-status = [watch { $round }] { $lab } { $title }: { $result } ({ $why }, o { $time }); obserwuję { $path }, Ctrl-C kończy
watch-started = pierwsza ocena
watch-after-change = po zmianie w { $files }
watch-more-files = jeszcze { $count }
watch-not-graded = nie ocenione: { $error }
watch-does-not-compile = nie kompiluje się
watch-graded = punkty { $points }/{ $max }, testy { $passed }/{ $counted }
watch-nothing-graded = nic nie ocenione
list-lab = { $lab } { $title } ({ $folder }, punkty: { $points }): { $command }
build-no-lab-folder = nie ma { $folder }/Cargo.toml w { $root }: brakuje folderu labu, więc nie ma czego budować
build-no-solutions = nie ma solutions/ w { $root }: rozwiązania wzorcowe są tylko w zestawie prowadzącego, nie w wydaniu dla studentów
build-as-whom = { "\u000A" }(Sprawdzarka działa jako root, więc buduje lab studenta jako { $name }, z --run-as { $name }: { $name } musi móc uruchomić cargo i czytać narzędzia Rusta (RUSTUP_HOME, CARGO_HOME), obszar roboczy i folder target. Zainstaluj Rusta tam, gdzie { $name } może go czytać, albo oceniaj jako inny użytkownik; --run-as root buduje jako root, tylko dla kodu, któremu ufasz.)
build-no-cargo = nie udało się uruchomić cargo, żeby zbudować { $package }: { $error }{ $as_whom }
build-unread = nie udało się odczytać, co cargo powiedziało, budując { $package }
build-does-not-compile = { $package } się nie kompiluje; popraw błędy, które cargo wypisało wyżej, i oceń znowu{ $as_whom }
build-no-executable = cargo zbudowało { $package }, ale nie podało jego pliku wykonywalnego
error-exe-one-lab = --exe ocenia jeden lab; podaj jego nazwę zamiast `all`
error-commands-one-lab = --server-cmd i --client-cmd oceniają jeden lab; podaj jego nazwę zamiast `all`
error-commands-nothing-ran = żaden z wybranych testów { $lab } nie mógł się odbyć z podanymi poleceniami (każdy uruchamia program, dla którego nie podano polecenia: zob. linie SKIP)
error-no-test = { $lab } nie ma testu { $name }{ $suggestion }; jego testy to { $tests }. -t przyjmuje dokładną nazwę testu albo wzorzec z * (-t 'udp-*') i można go podać kilka razy
error-no-test-any-lab = żaden z ocenianych labów nie ma testu { $name }{ $suggestion }; `checker list` pokazuje testy każdego labu. -t przyjmuje dokładną nazwę testu albo wzorzec z * (-t 'udp-*') i można go podać kilka razy
error-no-test-closest = { " " }(czy chodziło o { $names }?)
error-no-such-exe = --exe { $path }: nie ma takiego pliku
error-not-compiled = nie ocenione, bo się nie kompilują: { $labs }
error-no-lab = nie ma labu { $key }; są { $labs } albo `all` (`checker list` je pokazuje)

## The markdown summary (checker/src/report/markdown.rs).

md-heading = ### { $lab } { $title }: punkty { $points }/{ $max }, zaliczone testy { $passed }/{ $counted }
md-columns = | test | punkty | wynik | powód |
md-pass = ✅ zaliczony
md-fail = ❌ niezaliczony
md-skip = ⏭️ pominięty
md-total = **Razem: { $points }/{ $max } pkt**

## What the harness notes in a test's transcript (checker/src/harness/).

note-started = uruchomiony: { $command }
note-ready = gotowy na { $addr }
note-ready-socket = gotowy: nasłuchuje na { $addr } (bez linii gotowości; jego gniazdo widać w /proc)
note-connected = połączono z { $addr }
note-connect-failed = połączenie z { $addr } nie powiodło się: { $error }
note-connected-from = { $label } połączył się z { $peer }
note-shutdown = sprawdzarka zamknęła swoją stronę wysyłania (shutdown)
note-reset = sprawdzarka zrywa połączenie (RST)
note-end-of-stream = koniec strumienia (druga strona zamknęła połączenie)
note-broken = połączenie zerwane: { $error }
note-send-failed = wysyłanie nie powiodło się: { $error }

# checker hint
hint-header = { $lab } { $test } ({ $kind }): wskazówka { $level }/{ $levels }
hint-next = `checker hint { $lab } { $test }` jeszcze raz pokaże poziom { $next }; ocenianie pokazuje poznane poziomy, dopóki test nie przejdzie albo nie zawiedzie inaczej.
hint-last = To był ostatni poziom: mówi, jak to poprawić.
hint-no-more = To ostatni poziom tej wskazówki; ocenianie pokazuje go, dopóki test nie przejdzie albo nie zawiedzie inaczej.
error-hint-no-test = { $lab } nie ma testu { $test } (`checker list { $lab }` je pokazuje)
error-hint-not-failed = sprawdzarka nie pamięta żadnego błędu testu { $test }: przeszedł przy ostatnim ocenianiu { $lab } albo od tego czasu nie zawiódł; najpierw oceń laboratorium (`checker { $lab }`)
error-hint-nothing-failed = sprawdzarka nie pamięta żadnego niezaliczonego testu { $lab }: najpierw oceń laboratorium (`checker { $lab }`); gdy jakiś test zawiedzie, to polecenie pokaże następny poziom jego wskazówki

# checker class grade|merge (checker/src/course/class/, commands/class.rs)
class-grading = oceniam { $count } z { $total } { $total ->
        [one] repozytorium
        [few] repozytoriów
       *[many] repozytoriów
    } ({ $labs }), { $jobs } naraz, termin { $deadline }
class-no-deps = brak obszaru roboczego, z którego można zbudować zależności laboratoriów (podaj --deps-from KIT): każde repozytorium zbuduje je od nowa
class-one-user = jądro nie pozwala uruchamiać programów jako uid od { $first } do { $last } (przestrzeń nazw użytkowników?): każde ocenianie działa jako { $user }, a oceniania równoległe dzielą jego limit procesów
class-deps-built = zbudowano zależności laboratoriów z { $kit } ({ $seconds } s): każde repozytorium zaczyna od ich kopii
class-deps-failed = { $error }
    (każde repozytorium zbuduje zależności laboratoriów od nowa)
class-not-saved = { $name }: nie udało się zapisać wyniku: { $error }
class-row-late = , { $count } { $count ->
        [one] spóźniony commit nieoceniony
        [few] spóźnione commity nieocenione
       *[many] spóźnionych commitów nieocenionych
    }
class-row-kept = zachowane z poprzedniego przebiegu
class-done = ocenione repozytoria: { $graded } z { $total } (zachowane z poprzedniego przebiegu: { $reused }); zapisano { $files }
class-not-graded = nieocenione (powód w ich wierszach): { $names }
