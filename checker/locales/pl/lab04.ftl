# Lab 04 (port scanner) in Polish: one message per test of
# checker/src/labs/lab04.rs, named as the test, with what it checks
# (.checks) and where to look when it fails (.hint).

lab04-title = skaner portów TCP (connect)

open-ports =
    .checks = zakres 200 portów, z których na 10 ktoś nasłuchuje (także na pierwszym i ostatnim z nich): dokładnie te są zgłoszone jako otwarte
    .hint = skaner ma zgłosić dokładnie te porty, na których ktoś nasłuchuje: próbowany jest każdy port zakresu, także pierwszy i ostatni, a otwarty jest tylko port, na którym uzgadnianie połączenia się zakończyło
    .hint-2 = spójrz, jak zakres zamienia się w porty (czy obejmuje ostatni?), i na probe() w probe.rs: który wynik połączenia oznacza port otwarty
    .hint-3 = zakres obejmuje swój ostatni port (1..=n, nie 1..n); otwarty znaczy tylko: connect() się udał
sorted-lines =
    .checks = lista portów podana nie po kolei, z portami podanymi dwa razy (`P,C,B,A,a-b,P`): jedna linia `<port>/tcp open <service>` na otwarty port, rosnąco, każdy raz
    .hint = otwarte porty mają być wypisane po jednym w linii, rosnąco, w jakiejkolwiek kolejności podała je lista, a port podany dwa razy tylko raz
    .hint-2 = spójrz na scan() w scan.rs: wątki kończą w dowolnej kolejności, więc listy, które zwraca, muszą być posortowane; a każdy port ma być sprawdzony i zgłoszony raz
    .hint-3 = wątki kończą w dowolnej kolejności: posortuj otwarte porty przed wypisaniem; port podany dwa razy jest skanowany raz
closed-ports =
    .checks = 100 portów, na których nikt nie nasłuchuje: żadnej linii na stdout, kod wyjścia 0
    .hint = tam, gdzie nic nie nasłuchuje, skaner nie ma wypisać na stdout ani jednej linii i ma się zakończyć kodem 0: zamknięte porty nie są wypisywane
    .hint-2 = spójrz na classify() w probe.rs: co robi z odrzuconym połączeniem? I na probe(): czy port nie jest uznany za otwarty, choć połączenie się nie udało?
    .hint-3 = odmowa połączenia (RST) znaczy zamknięty; zamknięte porty są liczone, nie wypisywane
filtered-port =
    .checks = port, który nigdy nie odpowiada (pełna kolejka accept gubi SYN), jest filtrowany po jednym pełnym --timeout (2 s), nie wcześniej, i próbowany raz: tablica gniazd jądra, sprawdzana co milisekundę, pokazuje każde connect() czekające na odpowiedź (SYN-SENT) i jak długo czekało
    .hint = port, który nigdy nie odpowiada, jest filtrowany: spójrz, jak długo skaner czeka na połączenie i co robi z przekroczeniem czasu
    .hint-2 = połączenie ma się poddać po --timeout, a przekroczenie czasu (nie odmowa) oznacza port filtrowany
    .hint-3 = TcpStream::connect_timeout z podanym --timeout; ErrorKind::TimedOut znaczy filtrowany; nie próbuj milczącego portu drugi raz
concurrency =
    .checks = 200 filtrowanych portów przy --timeout 300 --concurrency 250: gotowe w niecałe 8 s (po jednym naraz trwałoby minutę), wszystkie zgłoszone jako filtrowane; 13 przy --concurrency 4: nigdy więcej niż 4 wywołania connect() w toku naraz (tablica gniazd jądra, sprawdzana co milisekundę) i nie szybciej niż cztery rundy po 300 ms
    .hint = skaner nie miał jednocześnie --concurrency trwających połączeń: spójrz, jak dzielona jest praca
    .hint-2 = policz połączenia czekające w danej chwili: wątki robocze, ile ich jest i czy każdy bierze następny port, gdy tylko się zwolni
    .hint-3 = uruchom --concurrency wątków (nie więcej), które biorą porty ze wspólnej listy (indeks AtomicUsize), a nie jedno connect naraz
defaults =
    .checks = bez -p ports_scanned to 1024; bez --timeout i --concurrency, 300 milczących portów: nigdy więcej niż 256 wywołań connect() w toku naraz i więcej niż 128, każde czeka 1000 ms (tablica gniazd jądra, sprawdzana co milisekundę)
    .hint = bez -p, --timeout i --concurrency skaner ma użyć wartości domyślnych z instrukcji: porty 1-1024, 1000 ms, 256 połączeń naraz
    .hint-2 = spójrz na wartości domyślne opcji w cli.rs i na to, czy scan() naprawdę utrzymuje tyle trwających połączeń, a każde czeka przez cały limit czasu
    .hint-3 = wartości domyślne to --timeout 1000, --concurrency 256 i -p 1-1024 (clap: default_value_t)
file-limit =
    .checks = --concurrency 5000 przy limicie 64 otwartych plików: przycięte z notatką (osobna linia na stderr przed podsumowaniem, dowolnymi słowami) albo odrzucone z komunikatem i kodem wyjścia 2; nigdy „Too many open files”, a każdy milczący port nadal filtrowany
    .hint = --concurrency dużo powyżej limitu otwartych plików skaner ma obniżyć poniżej tego limitu (z uwagą na stderr) albo odrzucić; nigdy nie może się to skończyć "Too many open files", a milczące porty nadal mają być filtrowane
    .hint-2 = spójrz na concurrency() w scan.rs, któremu main.rs podaje miękki limit otwartych plików: każde trwające połączenie zajmuje deskryptor pliku; i na classify() w probe.rs: ich brak to błąd, a nie odpowiedź o porcie
    .hint-3 = odczytaj miękki limit RLIMIT_NOFILE i trzymaj liczbę wątków poniżej niego: każdy trzyma jedno gniazdo
json =
    .checks = `--json` wypisuje jeden obiekt JSON: `host`, `address`, `ports_scanned` (listy z portami podanymi dwa razy), porty otwarte i filtrowane, każde rosnąco, liczniki, które sumują się do niej, `elapsed_ms`; podsumowanie nadal na stderr
    .hint = listy i liczby w obiekcie JSON mają pasować do skanu: otwarte i filtrowane porty, każde rosnąco, i liczby, które sumują się do liczby przeskanowanych portów
    .hint-2 = report::json() wypisuje to, co znalazło scan(): spójrz na scan() w scan.rs, na to, jak liczy zamknięte porty i czy sortuje obie listy
    .hint-3 = liczniki biorą się z tych samych wyników co listy; zamknięte porty są tylko liczone
summary =
    .checks = podsumowanie idzie na stderr: ile portów przeskanowano, ile otwartych, zamkniętych i filtrowanych oraz ile to trwało; na stdout są tylko linie portów
    .hint = podsumowanie idzie na stderr, z liczbą portów otwartych, zamkniętych i filtrowanych oraz czasem skanu, a na stdout są tylko linie portów
    .hint-2 = main.rs wypisuje podsumowanie przez eprintln! z tego, co znalazło scan(): poszukaj czegoś innego wypisywanego na stdout i sprawdź, jak scan() liczy porty
    .hint-3 = eprintln! dla podsumowania; otwarte + zamknięte + filtrowane = przeskanowane
bad-ports =
    .checks = `-p 0`, `0-100`, `65536`, `70000`, `100-80`, `8o`, `1-`, `80,,81`: kod wyjścia 2 i komunikat, który cytuje, co jest nie tak, nic nie jest skanowane, bez paniki
    .hint = błędna lista portów ma zostać odrzucona komunikatem, który mówi, co jest nie tak, z kodem wyjścia 2 i bez skanowania czegokolwiek
    .hint-2 = spójrz na ports::port() w ports.rs: ma odrzucać 0, liczby powyżej 65535 (nie pozwól im się zawinąć) i wszystko, co nie jest liczbą, cytując ten element
    .hint-3 = zwróć błąd z ports::parse dla portu 0, portów powyżej 65535, odwróconych zakresów i wszystkiego, co nie jest liczbą
ipv6 =
    .checks = `scan ::1` znajduje otwarte porty pętli zwrotnej IPv6 dokładnie tak jak dla IPv4
    .hint = `scan ::1` ma znaleźć otwarte porty pętli zwrotnej IPv6 tak samo jak dla IPv4
    .hint-2 = spójrz, jak scan() i probe() tworzą adres, z którym się łączą: kod, który bierze tylko adresy IPv4, pomija ::1
    .hint-3 = IpAddr może być z każdej rodziny: SocketAddr::new(ip, port) działa dla obu; nie zostawiaj tylko adresów IPv4
only-host =
    .checks = skan 127.a.b.c, a potem ::1, gdy na tych samych portach nasłuchują 127.0.0.1, sąsiedni adres i druga rodzina adresów, licząc połączenia: każdy otwarty port hosta dostaje połączenie i jest zgłoszony, żaden inny adres nie dostaje żadnego; a we własnej przestrzeni nazw sieci, gdzie nikt nie nasłuchuje: dokładnie jedno connect() na skanowany port (licznik jądra), żadnego gdzie indziej
    .hint = skaner ma się łączyć z hostem, którego mu podano, i z niczym innym, raz dla każdego portu, a stan każdego portu poznawać, łącząc się z nim
    .hint-2 = spójrz, jaki adres scan() w scan.rs przekazuje do probe(): ip hosta, dla każdego portu; żadnego innego adresu (nie 127.0.0.1, nie localhost), żadnego wcześniejszego sprawdzania sieci i żadnego czytania tablic gniazd maszyny
    .hint-3 = łącz się z SocketAddr::new(ip, port) z adresem hosta i z niczym innym, nawet żeby sprawdzić sieć; stan portu bierze się z połączenia z nim, nie z /proc/net/tcp ani ss
host-name =
    .checks = `scan localhost` skanuje pierwszy adres tej nazwy i tylko jego; nazwa, której nie da się znaleźć (szukana tam, skąd nic nie wyjdzie poza maszynę): komunikat na stderr, nic na stdout, kod wyjścia 1
    .hint = nazwę hosta trzeba sprawdzić raz i przeskanować jej pierwszy adres, i tylko jego; nazwa, której nie da się znaleźć, to komunikat na stderr i kod wyjścia 1
    .hint-2 = spójrz na resolve() w main.rs i na to, co dostaje skan: jeden adres, pierwszy, jaki ma nazwa; nieudane wyszukanie nazwy to błąd, a nie skan niczego
    .hint-3 = wyszukaj nazwę raz ((nazwa, 0).to_socket_addrs()), skanuj jej pierwszy adres; nieudane wyszukanie to błąd: kod wyjścia 1
self-connect =
    .checks = połączenie, które połączyło się samo ze sobą (adres lokalny = adres drugiej strony: jednoczesne otwarcie TCP), nie jest zgłaszane jako otwarte, w IPv4 i IPv6
    .hint = port, na którym nic nie nasłuchuje, został zgłoszony jako otwarty: gniazdo skanera połączyło się samo ze sobą (przeczytaj w instrukcji „Połączenie, które łączy się samo ze sobą”)
    .hint-2 = gdy connect() się uda, spójrz na oba końce połączenia, zanim uznasz port za otwarty
    .hint-3 = po connect() porównaj stream.local_addr() ze stream.peer_addr(): równe znaczą, że nikt tam nie nasłuchuje, a port jest zamknięty
full-range =
    .checks = `-p -` (1-65535) na 127.0.0.1: zgłoszony każdy port sprawdzarki i nic, na czym nikt nie nasłuchiwał w czasie skanu; stderr jako potok: bez paska postępu, bez linii postępu, nic poza podsumowaniem
    .hint = skan wszystkich portów ma zgłosić każdy port, na którym ktoś nasłuchiwał, i nic więcej, a w potoku nie wypisywać na stderr nic poza podsumowaniem
    .hint-2 = dwie rzeczy do sprawdzenia: is_self_connect() w probe.rs, bo połączenia z samym sobą zdarzają się w zakresie portów efemerycznych, i wszystko, co scan() albo main.rs wypisuje na stderr w trakcie skanu
    .hint-3 = połączenia same ze sobą zdarzają się w zakresie portów efemerycznych; rysuj pasek postępu tylko wtedy, gdy stderr jest terminalem (std::io::IsTerminal), a w potoku nie wypisuj nic z postępu

## Messages of the tests (checker/src/labs/lab04.rs), in the order of the
## file: first its helpers (the checker's ports, running the scanner,
## judging what it reported), then each test.

## The checker's ports.

lab04-no-socket = nie da się utworzyć gniazda (limit otwartych plików?)
lab04-no-free-ports = nie udało się znaleźć { $len } wolnych portów w zakresie 10000-31999: czy coś innego zajmuje je wszystkie?

## Running the scanner and reading what it said.

lab04-scan-still-running = skan nadal trwał po { $seconds } s
lab04-scan-to-end-within = koniec skanu w ciągu { $seconds } s
lab04-still-running-killed = nadal działał, więc został zabity
lab04-scanner-ended = skaner { $ended } po { $ms } ms
lab04-not-successful = skaner nie zakończył się pomyślnie
lab04-exit-status-0 = kod wyjścia 0
lab04-ended-and-stderr = { $ended }; stderr: { $stderr }
lab04-not-a-port-line = linia na stdout nie ma postaci `<port>/tcp open <service>`
lab04-port-lines = linie takie jak `22/tcp open ssh` (podsumowanie idzie na stderr)
lab04-none = brak
# Seconds with a decimal comma: 2,05.
lab04-seconds = { $whole },{ $fraction }

## Judging the ports reported.

lab04-open-not-reported =
    { $count ->
        [one] { $count } otwarty port nie został zgłoszony
        [few] { $count } otwarte porty nie zostały zgłoszone
       *[many] { $count } otwartych portów nie zostało zgłoszonych
    }: { $ports }
lab04-open = otwarte: { $ports }
lab04-open-where-nothing-listened =
    { $count ->
        [one] { $count } port zgłoszony jako otwarty, choć nikt na nim nie nasłuchiwał
        [few] { $count } porty zgłoszone jako otwarte, choć nikt na nich nie nasłuchiwał
       *[many] { $count } portów zgłoszonych jako otwarte, choć nikt na nich nie nasłuchiwał
    } w czasie skanu (tablica jądra, /proc/net/tcp): { $ports }{ $more }
lab04-reported-open =
    { $count ->
        [one] { $count } port zgłoszony jako otwarty
        [few] { $count } porty zgłoszone jako otwarte
       *[many] { $count } portów zgłoszonych jako otwarte
    }
lab04-not-ascending = otwarte porty nie są wypisane rosnąco: { $before } jest przed { $after }
lab04-lowest-first = jedna linia na otwarty port, od najniższego portu
lab04-printed-twice = port { $port } jest wypisany dwa razy: port podany dwa razy jest skanowany i zgłaszany raz
lab04-in-this-order = porty w takiej kolejności: { $ports }
lab04-not-json = stdout nie jest jednym obiektem JSON: { $error }
lab04-one-json-object = z --json stdout to jeden obiekt JSON
lab04-json-not-object = JSON nie jest obiektem
lab04-json-no-port-list = w JSON nie ma listy numerów portów "{ $key }"
lab04-json-port-list = "{ $key }": [port, ...]
lab04-json-no-number = w JSON nie ma liczby pod { $path }
lab04-json-number = liczba pod { $path }
lab04-filtered-not-reported =
    { $count ->
        [one] { $count } port, który nigdy nie odpowiedział, nie został zgłoszony jako filtrowany
        [few] { $count } porty, które nigdy nie odpowiedziały, nie zostały zgłoszone jako filtrowane
       *[many] { $count } portów, które nigdy nie odpowiedziały, nie zostało zgłoszonych jako filtrowane
    }: { $ports }
lab04-filtered-count =
    filtrowane: { $count ->
        [one] { $count } port
        [few] { $count } porty
       *[many] { $count } portów
    }

## open-ports

lab04-listens-on-of = sprawdzarka nasłuchuje na portach { $ports } z zakresu { $spec }

## sorted-lines

lab04-listens-on = sprawdzarka nasłuchuje na portach { $ports }

## closed-ports

lab04-nothing-listens = na portach { $spec } nikt nie nasłuchuje

## filtered-port

lab04-no-filtered-port = to jądro odpowiada na połączenia z gniazdem nasłuchującym, którego kolejka accept jest pełna, więc sprawdzarka nie może przygotować portu filtrowanego
lab04-open-and-filtered = port { $open } jest otwarty; port { $filtered } jest filtrowany (jego kolejka accept jest pełna: SYN przepada)
lab04-silent-port-not-tried = skaner uznał port { $port } za filtrowany bez connect(), które czekałoby na jego odpowiedź
lab04-one-connect-one-timeout = jedno connect() do milczącego portu, czekające cały --timeout ({ $ms } ms)
lab04-no-syn-sent = żadne gniazdo skanera nie czekało na port { $port } (stan SYN-SENT w tablicy jądra): czy jego stan jest brany z /proc/net/tcp?
lab04-tried-again = milczący port był próbowany { $count } razy
lab04-connects-lasted = { $count } wywołania connect() do niego, jedno po drugim, czekające { $seconds } s (tablica gniazd jądra: każde to gniazdo w stanie SYN-SENT)
lab04-filtered-too-soon = milczący port został uznany za filtrowany po { $seconds } s, zanim minął jego --timeout { $timeout } s
lab04-filtered-after-timeout = port uznany za filtrowany dopiero wtedy, gdy nie odpowiadał przez cały --timeout ({ $ms } ms)
lab04-connect-gave-up = jego connect() poddało się najpóźniej po { $seconds } s (tablica gniazd jądra): czy --timeout jest pomijany?

## concurrency

lab04-silent-window =
    { $first }-{ $last }: { $count ->
        [one] { $count } port filtrowany
        [few] { $count } porty filtrowane
       *[many] { $count } portów filtrowanych
    }, otwarte: { $ports }
lab04-concurrency-too-slow = { $message } (200 milczących portów po 300 ms: po kolei to minuta, wszystkie naraz 0,3 s)
lab04-too-fast = 13 milczących portów przy --timeout 300 --concurrency 4 zajęło tylko { $seconds } s
lab04-most-at-once = najwięcej połączeń skanera w toku naraz: { $count } (jego gniazda w stanie SYN-SENT)
lab04-too-many-at-once =
    { $count ->
        [one] { $count } połączenie w toku naraz przy --concurrency 4
        [few] { $count } połączenia w toku naraz przy --concurrency 4
       *[many] { $count } połączeń w toku naraz przy --concurrency 4
    }
lab04-at-most-four = najwyżej 4 wywołania connect() w toku naraz
lab04-sockets-at-once =
    { $count ->
        [one] { $count } gniazdo skanera czekało w tej samej chwili na odpowiedź skanowanych portów (stan SYN-SENT)
        [few] { $count } gniazda skanera czekały w tej samej chwili na odpowiedź skanowanych portów (stan SYN-SENT)
       *[many] { $count } gniazd skanera czekało w tej samej chwili na odpowiedź skanowanych portów (stan SYN-SENT)
    }
lab04-four-rounds = najwyżej 4 połączenia naraz: cztery rundy po 300 ms, co najmniej 1,2 s
lab04-more-at-once = { $seconds } s: więcej niż 4 połączenia w toku naraz albo skaner wcale nie łączył się z portami

## defaults

lab04-sampled-again = tablica jądra była sprawdzana zbyt rzadko (widać { $seen } z { $wanted } wywołań connect(), do { $ms } ms między próbkami): skan jeszcze raz
lab04-too-busy-to-judge = maszyna była zbyt zajęta, by sprawdzarka mogła śledzić skan: do { $ms } ms między jej odczytami tablicy jądra (potrzeba { $needed } ms), mimo ponownych skanów; ten test nie jest oceniany, oceń jeszcze raz, gdy maszyna będzie mniej zajęta

lab04-default-concurrency-wrong =
    bez --concurrency { $count ->
        [one] { $count } połączenie było w toku naraz
        [few] { $count } połączenia były w toku naraz
       *[many] { $count } połączeń było w toku naraz
    }
lab04-default-concurrency = { $count } naraz: --concurrency to 256, gdy go nie podano (poniżej limitu otwartych plików, tutaj { $limit })
lab04-default-timeout-wrong = bez --timeout connect() do milczącego portu czekało { $from }-{ $to } s
lab04-default-timeout = 1 s: --timeout to 1000 ms, gdy go nie podano
lab04-waits-seen = widać koniec { $count } wywołań connect() (gniazda w stanie SYN-SENT); środkowe czekało co najmniej { $from } s i najwyżej { $to } s
lab04-default-ports-wrong = bez -p JSON mówi, że przeskanowano { $count } portów
lab04-default-ports = "ports_scanned": 1024: -p to 1-1024, gdy go nie podano

## file-limit

lab04-file-limit-is = limit otwartych plików skanera (RLIMIT_NOFILE) wynosi 64
lab04-panicked = skaner spanikował
lab04-limit-message-no-crash = komunikat o limicie otwartych plików, nigdy awaria
lab04-out-of-descriptors = skanerowi zabrakło deskryptorów plików
lab04-kept-below-limit = --concurrency utrzymane poniżej limitu otwartych plików (tutaj 64), z komunikatem
lab04-no-limit-message = nic nie mówi, że --concurrency 5000 przekracza limit otwartych plików
lab04-limit-message = notatka na stderr, osobna linia przed podsumowaniem (przycięte), albo komunikat i kod wyjścia 2 (odrzucone)
lab04-stderr = stderr: { $stderr }

## json

lab04-open-filtered-of = { $spec }: otwarte { $open }, filtrowane { $filtered }
lab04-json-wrong-host = host w JSON nie jest skanowanym hostem
lab04-json-host = "host": "127.0.0.1"
lab04-json-host-got = "host": { $host }
lab04-json-ports-scanned = ports_scanned w JSON-ie to nie liczba przeskanowanych portów
lab04-json-ports-scanned-expected = "ports_scanned": { $len } (-p { $spec }: każdy port raz)
lab04-json-counts-wrong = liczniki nie zgadzają się z listami i liczbą przeskanowanych portów
lab04-json-counts-expected = counts: open { $open }, closed { $closed }, filtered { $filtered } (razem { $len } portów)
lab04-json-counts = counts: open { $open }, closed { $closed }, filtered { $filtered }
lab04-json-wrong-address = address w JSON-ie nie jest skanowanym adresem
lab04-json-address = "address": "127.0.0.1"
lab04-json-not-ascending = "{ $key }" w JSON-ie nie jest w kolejności rosnącej
lab04-json-ascending = "{ $key }": porty od najniższego, każdy raz
lab04-json-no-summary = z --json na stderr brakuje podsumowania

## summary

lab04-summary-line = linia na stderr taka jak `scanned 30 ports of 127.0.0.1 in 0.51 s: 2 open, 27 closed, 1 filtered`
lab04-summary-no-counts = podsumowanie na stderr nie podaje liczby portów otwartych, zamkniętych i filtrowanych
lab04-summary-counts-wrong = liczby w podsumowaniu są błędne
lab04-summary-counts-expected =
    { $open } open, razem { $all ->
        [one] { $all } port
        [few] { $all } porty
       *[many] { $all } portów
    }, co najmniej 1 filtered
lab04-summary-counts = { $open } open, { $closed } closed, { $filtered } filtered
lab04-summary-incomplete = podsumowanie nie mówi, ile portów przeskanowano ani ile to trwało

## bad-ports

lab04-bad-ports-panicked = -p { $spec }: skaner spanikował
lab04-message-and-status-2 = komunikat i kod wyjścia 2
lab04-bad-ports-not-refused = -p { $spec } nie zostało odrzucone jako błąd użycia
lab04-status-2 = kod wyjścia 2 (jak przy złej opcji), z komunikatem
lab04-ended-and-stdout = { $ended }; stdout { $stdout }
lab04-bad-ports-vague = -p { $spec }: komunikat nie mówi, co jest nie tak
lab04-message-quoting = komunikat, który cytuje { $quoted }
lab04-bad-ports-stdout = -p { $spec }: coś zostało wypisane na stdout
lab04-nothing-scanned = nic nie jest skanowane, nic na stdout

## ipv6

lab04-no-ipv6 = ta maszyna nie ma pętli zwrotnej IPv6 (::1)
lab04-listens-on-v6 = sprawdzarka nasłuchuje na [::1] na portach { $ports }

## host-name

lab04-no-localhost = ta maszyna nie umie znaleźć nazwy localhost: niesprawdzane
lab04-localhost-is = localhost to najpierw { $ip }{ $others }; sprawdzarka nasłuchuje tam na portach { $ports } z zakresu { $spec }
lab04-name-scanned-twice = skan localhost łączył się także z innymi adresami tej nazwy
lab04-first-address-only = połączenia tylko z { $ip }: pierwszym adresem tej nazwy
lab04-unknown-name = { $name } to nazwa, której nikt nie ma
lab04-unknown-name-did-not-end = skan nazwy, której nie da się znaleźć, się nie skończył
lab04-unknown-name-fails = komunikat na stderr i kod wyjścia 1
lab04-unknown-name-wrong = skan { $name }, nazwy, której nie da się znaleźć, nie zakończył się tak, jak powinien
lab04-ended-stdout-stderr = { $ended }; stdout { $stdout }; stderr { $stderr }

## self-connect

lab04-no-namespace = sprawdzarka nie może utworzyć na tej maszynie przestrzeni nazw sieci (network namespace) ({ $why }), więc 3 punkty tego testu nie wchodzą tu do maksimum; połączenia same ze sobą są wtedy sprawdzane tylko przypadkiem, w teście full-range. Linux pozwala każdemu użytkownikowi ją utworzyć, chyba że zabrania tego ustawienie: na Ubuntu 24.04 pozwala na to `sudo sysctl kernel.apparmor_restrict_unprivileged_userns=0` (albo ocenianie jako root)
lab04-namespace = we własnej przestrzeni nazw sieci, której porty efemeryczne to { $port }-{ $next }, nikt nie nasłuchuje: connect do { $host } na port { $port } łączy się sam ze sobą
lab04-five-closed-did-not-end = skan pięciu zamkniętych portów się nie skończył
lab04-scan-to-end = koniec skanu
lab04-self-connect-reported = { $host }: zgłoszone jako otwarte, choć nikt tam nie nasłuchuje: { $ports }
lab04-connected-to-itself = żadnego otwartego portu: połączenie z portem { $port } połączyło się samo ze sobą (adres lokalny = adres drugiej strony)

## only-host

lab04-waited-for-full-range = sprawdzarka czekała { $ms } ms, aż skończy się skan pełnego zakresu portów na tej maszynie
lab04-no-free-quiet-ports = nie udało się znaleźć { $len } wolnych portów w zakresie { $from }-{ $to }: czy coś innego zajmuje je wszystkie?
lab04-only-host-setup = host to { $target }: nasłuchuje na portach { $ports } z zakresu { $spec }; każdy port z { $spec } nasłuchuje też na { $others } i liczy połączenia, które dostaje
lab04-connections-elsewhere =
    { $ip }: { $total ->
        [one] { $total } połączenie
        [few] { $total } połączenia
       *[many] { $total } połączeń
    }, do portów { $ports }{ $more }
lab04-and-then = { $all }; { $next }
lab04-other-hosts = skan { $target } łączył się także z innymi hostami: { $hosts }
lab04-only-the-host = połączenia tylko z { $target }: skaner dotyka wyłącznie hosta, który mu podano
lab04-never-connected = skaner ani razu nie połączył się z { $target } na portach, na których nasłuchuje sprawdzarka: { $ports }
lab04-connect-to-every-port = connect() do każdego skanowanego portu: tylko on mówi, w jakim stanie jest port
lab04-no-connection-arrived = żadne połączenie nie dotarło do { $unasked }; zgłoszone jako otwarte: { $reported }
lab04-only-host-no-namespace = połączenia z portami, na których nikt nie nasłuchuje, nie są liczone: sprawdzarka nie może utworzyć na tej maszynie przestrzeni nazw sieci ({ $why })
lab04-only-host-counted = we własnej przestrzeni nazw sieci, gdzie nikt nie nasłuchuje: skan { $host } -p { $spec } i licznik jądra rozpoczętych wywołań connect() w tej przestrzeni
lab04-closed-scan-did-not-end = skan { $count } zamkniętych portów się nie skończył
lab04-no-tcp-counters = to jądro nie podaje liczników TCP (/proc/net/snmp): połączenia gdzie indziej nie są liczone
lab04-open-where-nothing-listens = { $host }: zgłoszone jako otwarte, choć nikt tam nie nasłuchuje: { $ports }
lab04-no-open-port = żadnego otwartego portu
lab04-fewer-connects = { $count } wywołań connect() na { $len } portów: stan portu bierze się z connect() do niego
lab04-more-connects = { $count } wywołań connect() na { $len } portów: o { $extra } więcej, do innego adresu (albo zamknięty port próbowany ponownie)
lab04-connects-counted = skan { $len } portów { $host } rozpoczął { $count } wywołań connect()
lab04-one-connect-per-port = { $len } wywołań connect(), po jednym do każdego portu { $host }, i żadnego do innego adresu

## full-range

lab04-waited-for-other-full-range = sprawdzarka czekała { $ms } ms, aż skończy się inny skan pełnego zakresu portów na tej maszynie
lab04-listens-on-others-too = sprawdzarka nasłuchuje na portach { $ports }; inne programy mogą też
lab04-progress-bar = skaner rysował pasek postępu, choć stderr nie jest terminalem
lab04-no-progress-bar = żadnego \r ani sekwencji sterujących na stderr, gdy jest potokiem (std::io::IsTerminal)
lab04-progress-in-pipe = { $count } linii na stderr oprócz podsumowania, choć stderr jest potokiem
lab04-only-summary-in-pipe = w potoku lub pliku na stderr trafia podsumowanie oraz notatki i błędy, o które prosi instrukcja (tutaj żadne), bez postępu i bez dziennika portów

## The handout's rules (checker/src/labs/lab04.rs, RULES).

rule-04-only-the-host =
    .says = Skaner łączy się tylko z jednym hostem, który mu podano: z żadnym innym adresem, nawet ze 127.0.0.1, gdy podano mu 127.0.0.2.
rule-04-open-is-a-handshake =
    .says = Port jest otwarty, gdy connect() do niego kończy uzgadnianie połączenia, i tylko wtedy: stan portu to to, co powiedziało connect() do niego, nigdy tablica gniazd nasłuchujących jądra.
rule-04-refused-is-closed =
    .says = Port, który na SYN odpowiada odmową (RST), jest zamknięty.
rule-04-silent-is-filtered =
    .says = Port, który nie odpowie przed upływem limitu czasu, jest filtrowany.
rule-04-filtered-after-timeout =
    .says = Port jest filtrowany, gdy nie odpowiadał przez --timeout milisekund, nie wcześniej.
rule-04-one-try =
    .says = Milczący port jest próbowany raz, przez jeden limit czasu.
rule-04-default-timeout =
    .says = Bez --timeout każdy port może odpowiadać 1000 ms.
rule-04-many-at-once =
    .says = Stała pula wątków trzyma do --concurrency połączeń w toku naraz: milczące porty czekają na swoje limity czasu razem, nie jeden po drugim.
rule-04-at-most-concurrency =
    .says = Nigdy więcej niż --concurrency połączeń w toku naraz.
rule-04-default-concurrency =
    .says = Bez --concurrency najwyżej 256 połączeń naraz.
rule-04-below-file-limit =
    .says = Liczba połączeń naraz jest trzymana poniżej miękkiego limitu otwartych plików, minus 16: prośba o więcej wypisuje notatkę na stderr i używa tylu, ile się mieści (albo jest odrzucana z kodem wyjścia 2 i komunikatem); wyczerpanie deskryptorów plików nie jest w porządku.
rule-04-other-errors-stop =
    .says = Błąd, który nie jest odpowiedzią o porcie (EMFILE: za dużo otwartych plików, ...), zatrzymuje skan i mówi dlaczego: nigdy nie jest liczony jako stan portu.
rule-04-self-connect-is-closed =
    .says = Połączenie, którego adres lokalny jest adresem drugiej strony, połączyło się samo ze sobą: port jest zamknięty, nie otwarty.
rule-04-open-is-confirmed =
    .says = Port jest zgłaszany jako otwarty tylko wtedy, gdy nasłuchuje na nim program: dwa gniazda samego skanera, które przypadkiem się spotkały, to nie otwarty port.
rule-04-host-forms =
    .says = Host to adres IPv4, adres IPv6 albo nazwa; nazwa jest wyszukiwana raz i skanowany jest jej pierwszy adres, i tylko on.
rule-04-unknown-host =
    .says = Nazwa, której nie da się znaleźć: komunikat i kod wyjścia 1.
rule-04-ipv6 =
    .says = IPv6 działa tak jak IPv4: scan ::1.
rule-04-port-lists =
    .says = -p przyjmuje 80, 1-1024, 22,80,8000-8100 albo - dla wszystkich portów 1-65535; zakres obejmuje oba końce.
rule-04-default-ports =
    .says = Bez -p skanowane są porty 1-1024.
rule-04-listed-twice-scanned-once =
    .says = Port podany dwa razy jest skanowany raz.
rule-04-bad-ports =
    .says = Port 0, port powyżej 65535, odwrócony zakres, pusty element albo cokolwiek, co nie jest liczbą: kod wyjścia 2 i komunikat, który cytuje, co jest nie tak; nic nie jest skanowane.
rule-04-open-lines =
    .says = Na stdout jest jedna linia `<port>/tcp open <service>` na otwarty port, rosnąco według portu, w jakiejkolwiek kolejności porty podano czy przeskanowano; porty zamknięte i filtrowane nie są wypisywane.
rule-04-summary =
    .says = Na koniec na stderr trafia podsumowanie: ile portów przeskanowano, ile otwartych, zamkniętych i filtrowanych oraz ile to trwało.
rule-04-json =
    .says = Z --json stdout to jeden obiekt JSON (`host`, `address`, `ports_scanned`, `open`, `filtered`, `counts`, `elapsed_ms`), a podsumowanie nadal idzie na stderr.
rule-04-json-sorted-and-counted =
    .says = W JSON-ie open i filtered są w kolejności rosnącej, a trzy liczniki sumują się do ports_scanned.
rule-04-no-progress-in-a-pipe =
    .says = Pasek postępu jest tylko dla terminala: gdy stderr jest potokiem lub plikiem, trafia tam tylko podsumowanie oraz notatki i błędy, o które prosi ta instrukcja.
lab04-connects-missing = jądro widziało { $made } wywołań connect() skanera do { $wanted } cichych portów, które nazwał filtrowanymi
lab04-connect-each-port = connect() do każdego portu, czekający --timeout na odpowiedź
lab04-connects-made = { $made } wywołań connect() (gniazda w stanie SYN-SENT)

# Wskazówki do konkretnych błędów (checker/src/labs/lab04/mod.rs)
hint-filtered-not-reported = porty, które nigdy nie odpowiedziały, nie zostały zgłoszone jako filtrowane: port, który milczy, nie jest ani zamknięty, ani otwarty
    .level-2 = spójrz na classify() w probe.rs, na to, które rodzaje błędów uznaje za port zamknięty (przekroczenie czasu to nie odmowa), i na to, czy scan() zachowuje porty filtrowane na ich liście
    .level-3 = w classify(): odrzucone (albo zerwane) połączenie to Closed, przekroczenie czasu (albo nieosiągalny host lub sieć) to Filtered, a każdy inny błąd zwróć taki, jaki jest
hint-tried-again = z milczącym portem skaner łączył się więcej niż raz: jedno połączenie, jeden pełny --timeout i port jest filtrowany
    .level-2 = spójrz na probe() w probe.rs i na to, co robi scan() po przekroczeniu czasu: pętla ponawiania albo drugie przejście po milczących portach to kolejne połączenie
    .level-3 = przekroczenie czasu w connect_timeout to już odpowiedź: od razu uznaj port za Filtered i nigdy nie sprawdzaj go ponownie
hint-filtered-too-soon = milczący port został uznany za filtrowany, zanim minął jego --timeout: skaner ma mu dać cały --timeout na odpowiedź
    .level-2 = spójrz na limit czasu, który probe() w probe.rs daje połączeniu: ma to być podany --timeout, w milisekundach, na jedno połączenie, nie skrócony ani podzielony między próby
    .level-3 = TcpStream::connect_timeout(&addr, timeout) raz na port, z limitem czasu zrobionym z --timeout przez Duration::from_millis
hint-too-many-at-once = naraz trwało więcej połączeń, niż pozwala --concurrency: to limit, a nie tylko szybkość
    .level-2 = spójrz na scan() w scan.rs: ile wątków uruchamia (`workers`, ani jednego więcej, nie jeden na port) i czy każdy ma naraz tylko jedno połączenie
    .level-3 = uruchom dokładnie `workers` wątków, z których każdy w pętli sprawdza po jednym porcie, biorąc następny port ze wspólnego indeksu, aż żaden nie zostanie
hint-out-of-descriptors = skanerowi zabrakło deskryptorów plików: trzymał naraz więcej otwartych gniazd, niż pozwala limit otwartych plików
    .level-2 = spójrz na concurrency() w scan.rs: liczba wątków roboczych ma zostać poniżej miękkiego limitu, który dostaje, pomniejszonego o RESERVED_FILES na własne pliki procesu
    .level-3 = concurrency() zwraca najmniejszą z trzech liczb: podanego --concurrency, liczby portów i limitu pomniejszonego o RESERVED_FILES, i nigdy 0
