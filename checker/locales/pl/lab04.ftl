# Lab 04 (port scanner) in Polish: one message per test of
# checker/src/labs/lab04.rs, named as the test, with what it checks
# (.checks) and where to look when it fails (.hint).

open-ports =
    .checks = zakres 200 portów, z których na 10 ktoś nasłuchuje (także na pierwszym i ostatnim z nich): dokładnie te są zgłoszone jako otwarte
    .hint = zakres obejmuje swój ostatni port (1..=n, nie 1..n); otwarty znaczy tylko: connect() się udał
sorted-lines =
    .checks = lista portów podana nie po kolei (`P,C,B,A`): jedna linia `<port>/tcp open <service>` na otwarty port, rosnąco
    .hint = wątki kończą w dowolnej kolejności: posortuj otwarte porty przed wypisaniem
closed-ports =
    .checks = 100 portów, na których nikt nie nasłuchuje: żadnej linii na stdout, kod wyjścia 0
    .hint = odmowa połączenia (RST) znaczy zamknięty; zamknięte porty są liczone, nie wypisywane
filtered-port =
    .checks = port, który nigdy nie odpowiada (pełna kolejka accept gubi SYN), jest filtrowany i kosztuje jeden --timeout (2 s), a nie jeden na każdą próbę (poniżej 5 s)
    .hint = TcpStream::connect_timeout; ErrorKind::TimedOut znaczy filtrowany; nie próbuj milczącego portu drugi raz
concurrency =
    .checks = 200 filtrowanych portów przy --timeout 300 --concurrency 250: gotowe w niecałe 8 s (po jednym naraz trwałoby minutę), wszystkie zgłoszone jako filtrowane
    .hint = uruchom --concurrency wątków, które biorą porty ze wspólnej listy (indeks AtomicUsize), a nie jedno connect naraz
file-limit =
    .checks = --concurrency 5000 przy limicie 128 otwartych plików: przycięte (albo odrzucone) z komunikatem o limicie, nigdy „Too many open files”
    .hint = odczytaj miękki limit RLIMIT_NOFILE i trzymaj liczbę wątków poniżej niego: każdy trzyma jedno gniazdo
json =
    .checks = `--json` wypisuje jeden obiekt JSON: host, porty otwarte i filtrowane, liczniki, które sumują się do liczby przeskanowanych portów, elapsed_ms
    .hint = liczniki biorą się z tych samych wyników co listy; zamknięte porty są tylko liczone
summary =
    .checks = podsumowanie idzie na stderr: ile portów przeskanowano, ile otwartych, zamkniętych i filtrowanych oraz ile to trwało; na stdout są tylko linie portów
    .hint = eprintln! dla podsumowania; otwarte + zamknięte + filtrowane = przeskanowane
bad-ports =
    .checks = `-p 0`, `70000`, `100-80`, `8o`, `1-`, `80,,81`: kod wyjścia 2 i komunikat, który cytuje, co jest nie tak, nic nie jest skanowane, bez paniki
    .hint = zwróć błąd z ports::parse dla portu 0, portów powyżej 65535, odwróconych zakresów i wszystkiego, co nie jest liczbą
ipv6 =
    .checks = `scan ::1` znajduje otwarte porty pętli zwrotnej IPv6 dokładnie tak jak dla IPv4
    .hint = IpAddr może być z każdej rodziny: SocketAddr::new(ip, port) działa dla obu; nie zostawiaj tylko adresów IPv4
self-connect =
    .checks = połączenie, które połączyło się samo ze sobą (adres lokalny = adres drugiej strony: jednoczesne otwarcie TCP), nie jest zgłaszane jako otwarte, w IPv4 i IPv6
    .hint = po connect() porównaj stream.local_addr() ze stream.peer_addr(): równe znaczą, że nikt tam nie nasłuchuje
full-range =
    .checks = `-p -` (1-65535) na 127.0.0.1: zgłoszony każdy port sprawdzarki i nic, na czym nikt nie nasłuchiwał w czasie skanu; bez paska postępu, gdy stderr nie jest terminalem
    .hint = połączenia same ze sobą zdarzają się w zakresie portów efemerycznych; rysuj pasek postępu tylko wtedy, gdy stderr jest terminalem
