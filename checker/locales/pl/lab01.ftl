# Lab 01 (hello/time) in Polish: one message per test of
# checker/src/labs/lab01.rs, named as the test, with what it checks
# (.checks) and where to look when it fails (.hint).

lab01-title = serwer poleceń hello/time

hello =
    .checks = na `Hello` serwer odpowiada `Hello from server`
    .hint = przeczytaj całą linię, porównaj ją z "Hello" (wielkość liter ma znaczenie) i wyślij odpowiedź zakończoną "\n"
close-after-hello =
    .checks = po odpowiedzi na `Hello` serwer zamyka połączenie
    .hint = po odpowiedzi na Hello wyjdź z pętli połączenia, żeby strumień został zwolniony (zamknięty)
time =
    .checks = na `Time` serwer odpowiada bieżącym czasem w RFC 3339 z przesunięciem strefy, najwyżej 5 s od zegara sprawdzarki
    .hint = odpowiedź na Time ma być bieżącym czasem w RFC 3339 z przesunięciem względem UTC: spójrz, jak serwer go formatuje
    .hint-2 = sformatuj czas lokalny (ten, który wskazuje TZ, nie UTC) przez chrono, z przesunięciem takim jak +01:00, i wyślij go, a po nim \n
    .hint-3 = chrono::Local::now().to_rfc3339_opts(SecondsFormat::Secs, false) daje np. 2026-11-24T07:31:52+01:00
time-is-local =
    .checks = przy TZ=<+0530>-5:30 (5 h 30 min na wschód od UTC) odpowiedź ma przesunięcie +05:30, a przy TZ=<-0330>3:30 -03:30: czas lokalny to ten, który podaje TZ
    .hint = chrono::Local::now() uwzględnia TZ; Utc::now() nie
time-is-now =
    .checks = dwa zapytania Time w odstępie ponad sekundy dostają czasy różniące się o ponad sekundę (zegar jest odczytywany przy każdym zapytaniu)
    .hint = odczytaj zegar, gdy przychodzi zapytanie, a nie raz przy starcie serwera
unknown-command =
    .checks = na każdą inną linię serwer odpowiada `Unknown command`, także na `Hello\r\r\n` i `Hel\rlo\n` (pomijane jest tylko \r tuż przed \n), na linię, która nie jest w UTF-8, i na linię z 1024 bajtów i `Hello` (obciętą, z pominiętą resztą), a połączenie zostaje otwarte
    .hint = jedna z linii, które nie są Hello ani Time, dostała inną odpowiedź niż `Unknown command` albo zakończyła połączenie: spójrz, jak linia staje się poleceniem
    .hint-2 = spójrz na czytanie linii i porównanie: co jest obcinane z końca linii, jak bajty niebędące UTF-8 stają się tekstem, co dzieje się po 1024 bajtach
    .hint-3 = w poleceniach wielkość liter ma znaczenie i obcinane jest tylko \r przed \n; tylko Hello zamyka połączenie; bajty, które nie są UTF-8, to nieznane polecenie, a nie błąd (from_utf8_lossy); z linii dłuższej niż 1024 bajty pomiń resztę, zamiast czytać ją jako polecenie
several-commands =
    .checks = jedno połączenie obsługuje po kolei Time, nieznane polecenie, Time i Hello
    .hint = obsługuj polecenia w pętli na tym samym połączeniu, aż do Hello albo końca strumienia
several-in-one-write =
    .checks = trzy polecenia, które przyszły w jednym segmencie, dostają trzy odpowiedzi
    .hint = jedno recv() może zwrócić kilka linii; to, co jest po pierwszym znaku nowej linii, zachowaj na następne polecenie (BufReader to robi)
fragments =
    .checks = polecenie, które przychodzi w kawałkach (`He`, `ll`, `o\n`), to nadal jedno polecenie
    .hint = jedno recv() może zwrócić część linii; czytaj dalej aż do znaku nowej linii (BufRead::read_line / read_until)
crlf =
    .checks = `Hello\r\n` (tak wysyłają telnet i nc -C) liczy się jako Hello
    .hint = usuń z końca "\r" tak samo jak "\n"
last-line-without-newline =
    .checks = `Hello` bez znaku nowej linii, po którym klient zamyka stronę wysyłania, nadal się liczy
    .hint = na końcu strumienia niepusta, niedokończona linia to też polecenie
end-of-stream =
    .checks = po `Time` klient zamyka swoją stronę wysyłania: serwer też zamyka połączenie i obsługuje następne
    .hint = read() zwracające 0 (read_command dające None) to koniec połączenia: wyjdź z pętli i zwolnij strumień; nie czekaj na więcej
connection-reset =
    .checks = klient, który zrywa połączenie (RST, jak klient, który się wysypał), nie zatrzymuje serwera: następny klient jest obsłużony
    .hint = błąd jednego połączenia kończy tylko to połączenie: wypisz go i wróć do accept(), zamiast zwracać go z pętli accept()
once =
    .checks = z `--once` serwer kończy się kodem 0, gdy skończy się jego pierwsze połączenie
    .hint = z --once wyjdź z pętli accept() po pierwszym połączeniu
second-connection =
    .checks = bez `--once` serwer obsługuje drugie połączenie, gdy pierwsze się skończy
    .hint = accept() w pętli; zakończone połączenie nie może kończyć serwera
server-host =
    .checks = z `--host 127.0.0.1` serwer nasłuchuje tam i nigdzie indziej: linia gotowości pokazuje 127.0.0.1, a inny adres pętli zwrotnej (127.x.y.z) odmawia połączenia; bez `--host` nasłuchuje na 127.0.0.1, bez `--port` na 7701
    .hint = zrób bind() na adres podany w --host, nie na 0.0.0.0, i wypisz adres, na którym nasłuchujesz
client-sends-hello =
    .checks = klient bez `--message` i `--port` wysyła dokładnie `Hello\n` na port 7701, wypisuje odpowiedź (która przychodzi w dwóch kawałkach) i nic więcej na stdout, i kończy się kodem 0
    .hint = klient ma wysłać jedną linię i wypisać jedną linię, która wróci, jakkolwiek przyjdzie: spójrz, co wysyła i jak czyta
    .hint-2 = odpowiedź może przyjść w kawałkach: jedno read() to nie linia; czytaj aż do znaku nowej linii (BufReader::read_line) i wypisz na stdout tylko tę linię
    .hint-3 = wyślij wiadomość i "\n"; czytaj aż do znaku nowej linii, a nie tylko jedno recv()
client-message =
    .checks = `client --message Time` wysyła `Time\n`, wypisuje to, co odpowie serwer, i kończy się, choć serwer nie zamyka połączenia
    .hint = klient ma wysłać to, co mówi --message, i skończyć, gdy przyjdzie linia odpowiedzi, choć serwer nie zamyka połączenia
    .hint-2 = spójrz, jak klient czeka na odpowiedź: czytanie do końca strumienia czeka na zamknięcie, które nie nastąpi; przeczytaj jedną linię
    .hint-3 = wyślij argument --message, wypisz linię odpowiedzi, którą dostałeś, a nie stały tekst, i przestań czytać na jej znaku nowej linii (read_line), a nie na końcu strumienia
client-refused =
    .checks = klient, który nie znajdzie serwera, kończy się niezerowym kodem z komunikatem o odmowie połączenia, a nie paniką
    .hint = zwróć błąd connect() zamiast robić unwrap(); kod w main.rs go wypisze

## Messages of the tests

# close-after-hello
lab01-close-after-hello = zamknięcie połączenia przez serwer po Hello

# time, time-is-local, time-is-now, second-connection
lab01-reply-to-time = odpowiedź na Time
lab01-not-rfc3339 = odpowiedź na Time nie jest czasem w RFC 3339 ({ $e })
lab01-rfc3339-time = czas w RFC 3339 z przesunięciem strefy, np. 2026-11-24T07:31:52+01:00
lab01-time-skew = czas różni się o { $skew } s od zegara sprawdzarki
lab01-within-5s-of = najwyżej 5 s od { $now }
lab01-not-local-zone = czas nie jest w strefie lokalnej, którą ustawia TZ
lab01-offset-of = przesunięcie { $shown } (serwer działa z TZ={ $zone })
lab01-waits-for-clock = sprawdzarka czeka { $ms } ms, aż zegar pójdzie naprzód
lab01-reply-to-second-time = odpowiedź na drugie Time
lab01-second-not-later = druga odpowiedź, o którą zapytano ponad sekundę później, nie jest o sekundę późniejsza
lab01-time-after = czas późniejszy niż { $first_line }

# end-of-stream
lab01-close-at-end-of-stream = zamknięcie połączenia przez serwer, gdy klient skończył wysyłać

# once
lab01-exit-after-first-connection = z --once powinien zakończyć się po pierwszym połączeniu

# second-connection
lab01-close-first-after-hello = zamknięcie pierwszego połączenia przez serwer po Hello

# client-sends-hello, client-message
lab01-client-command-line = linia z poleceniem od klienta
lab01-exit-after-printing = powinien zakończyć się po wypisaniu odpowiedzi
lab01-exit-once-reply-arrived = powinien zakończyć się, gdy tylko nadejdzie linia odpowiedzi, nie czekając, aż serwer zamknie połączenie
lab01-keeps-open = sprawdzarka nie zamyka połączenia, tak jak serwer po Time
lab01-printed-more = klient wypisał na stdout więcej niż odpowiedź serwera (wszystko inne pisz na stderr)
lab01-only-line-on-stdout = tylko linia { $reply } na stdout
lab01-not-printed = klient nie wypisał odpowiedzi serwera w osobnej linii
lab01-line-on-stdout = linia { $reply } na stdout
lab01-sent-not-hello = klient wysłał coś innego niż Hello
lab01-not-message = klient nie wysłał tekstu z --message
lab01-and-a-newline = { $line } i znak nowej linii

# The handout's rules (RULES in checker/src/labs/lab01.rs): rule-<id>, what it
# says (.says) and, for one no test checks, why (.unchecked).

rule-01-command-in-pieces =
    .says = Połączenie niesie linie: tekst UTF-8 zakończony `\n`; jedno polecenie może przyjść w kilku kawałkach.
rule-01-commands-in-one-segment =
    .says = Kilka poleceń może przyjść w jednym segmencie; odpowiedzi wracają w kolejności poleceń.
rule-01-cr-ignored =
    .says = `\r` tuż przed `\n` jest pomijane, w obu kierunkach: serwer może też kończyć odpowiedzi `\r\n`.
rule-01-last-line-counts =
    .says = Jeśli klient zamknie stronę wysyłania po ostatniej linii bez `\n`, ta linia też się liczy.
rule-01-nothing-else-stripped =
    .says = Nic więcej nie jest obcinane: `Hello ` (ze spacją) to nie `Hello`.
rule-01-not-utf8-is-unknown =
    .says = Linia, która nie jest poprawnym UTF-8, to nieznane polecenie jak każde inne, a nie błąd.
rule-01-end-of-stream-closes =
    .says = Koniec strumienia kończy połączenie: serwer też zamyka swoją stronę.
rule-01-case-sensitive =
    .says = Wielkość liter w poleceniach ma znaczenie.
rule-01-one-reply-per-line =
    .says = Na każdą odebraną linię serwer wysyła dokładnie jedną linię odpowiedzi.
rule-01-hello-then-close =
    .says = Na `Hello` serwer odpowiada `Hello from server`, po czym zamyka połączenie.
rule-01-time-rfc3339 =
    .says = Na `Time` serwer odpowiada bieżącą datą i godziną w RFC 3339 z przesunięciem strefy, np. `2026-11-24T07:31:52+01:00`; połączenie pozostaje otwarte.
rule-01-time-is-local =
    .says = „Lokalny” to ten, który podaje zmienna środowiskowa `TZ` (`TZ=<+0530>-5:30` daje `+05:30`).
rule-01-clock-read-each-time =
    .says = Zegar jest odczytywany przy każdym zapytaniu.
rule-01-unknown-command =
    .says = Na wszystko inne serwer odpowiada `Unknown command`, a połączenie pozostaje otwarte.
rule-01-long-line-cut =
    .says = Linie dłuższe niż 1024 bajty są ucinane: reszta linii jest pomijana, a odpowiedź to `Unknown command`.
rule-01-serves-forever =
    .says = Serwer obsługuje połączenia jedno po drugim, bez końca.
rule-01-once =
    .says = Z `--once` serwer kończy działanie (kod 0) po zakończeniu pierwszego połączenia.
rule-01-failed-connection-survived =
    .says = Nieudane połączenie (klient, który je zrywa) nie może zatrzymać serwera.
rule-01-listens-on-host =
    .says = Serwer nasłuchuje na adresie, który dostał, i nigdzie indziej, a jego linia gotowości `listening on <ip>:<port>` pokazuje adres, z którym się związał.
rule-01-server-defaults =
    .says = Bez `--host` serwer nasłuchuje na 127.0.0.1, a bez `--port` na porcie 7701.
rule-01-client-sends-message =
    .says = Klient wysyła `--message` (domyślnie `Hello`) i znak nowej linii do `--host` i `--port`, które dostał (domyślnie port 7701).
rule-01-client-default-host =
    .says = Bez `--host` klient łączy się ze 127.0.0.1.
    .unchecked = sprawdzarka musiałaby nasłuchiwać na 127.0.0.1:7701, gdzie może już nasłuchiwać serwer studenta albo inny program, a połączenie, które tam przyjdzie, nie musi być od klienta
rule-01-client-prints-reply =
    .says = Klient wypisuje linię odpowiedzi i nic więcej na stdout (wszystko inne, co mówi, idzie na stderr), i kończy się kodem 0, gdy tylko ta linia dotrze.
rule-01-client-cannot-connect =
    .says = Jeśli klient nie może się połączyć, kończy się niezerowym kodem wyjścia, bez paniki, z komunikatem na stderr, który podaje przyczynę podaną przez system (`Connection refused`).

# Wskazówki wspólne kilku laboratoriom (checker/src/labs/common.rs)
hint-listens-everywhere = serwer odpowiedział pod innym adresem niż ten, który mu podano: nasłuchuje na wszystkich adresach maszyny
    .level-2 = spójrz na adres podany do bind(): 0.0.0.0 (albo [::]) to wszystkie adresy; adres do bind() to --host
    .level-3 = bind((host, port)) z podanym --host, np. TcpListener::bind((host.as_str(), port)), nigdy 0.0.0.0
hint-ready-line-address = linia gotowości pokazuje inny adres niż ten, na którym serwer miał nasłuchiwać: robi bind() na inny adres albo wypisuje inny, niż ten, na który zrobił bind()
    .level-2 = zrób bind() na adres z --host (nie 0.0.0.0) i wypisz adres, który gniazdo nasłuchujące naprawdę ma, gdy bind() już się udało: listener.local_addr()
    .level-3 = bind() na --host, potem println!("listening on {"{"}{"}"}", listener.local_addr()?)
hint-client-panics = klient spanikował, zamiast powiedzieć, co poszło nie tak: błąd sieci to wiadomość do zgłoszenia, a nie błąd w programie
    .level-2 = poszukaj unwrap() albo expect() na tym, co zwróciło connect(): tam odrzucone połączenie stało się paniką
    .level-3 = zwróć io::Error z connect() przez `?` z funkcji, która się łączy; main.rs go wypisze i zakończy program z kodem różnym od zera
