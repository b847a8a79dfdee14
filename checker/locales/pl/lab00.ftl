# Lab 00 (echo and ports) in Polish: one message per test of
# checker/src/labs/lab00.rs, named as the test, with what it checks
# (.checks) and where to look when it fails (.hint).

lab00-title = serwer echo i porty

short-message =
    .checks = krótka wiadomość (bez znaku nowej linii: echo nie ma linii) wraca echem od razu, zanim klient skończy wysyłać
    .hint = echo ma wracać na bieżąco, w miarę jak bajty przychodzą, gdy klient jeszcze wysyła: echo nie ma linii ani końca, na który trzeba czekać
    .hint-2 = spójrz na echo() w server.rs: co robi z bajtami, które zwróciło jedno read()? Czekanie na znak nowej linii albo zbieranie wszystkiego do końca strumienia je zatrzymuje
    .hint-3 = odsyłaj każdy kawałek, gdy tylko read() go zwróci, zanim znów zaczniesz czytać; nie czekaj na znak nowej linii ani na koniec strumienia
large-binary =
    .checks = 1 MiB losowych bajtów (wszystkie wartości bajtów) wraca echem bajt w bajt, potem serwer zamyka połączenie
    .hint = duża wiadomość ma wrócić dokładnie taka, jaką wysłano: każdy bajt bez zmian, jakąkolwiek ma wartość, a potem połączenie ma się zamknąć, gdy klient skończy wysyłać
    .hint-2 = spójrz na echo() w server.rs: jedno read() dostaje tylko część wiadomości i wypełnia tylko część bufora; sprawdź, ile bajtów odsyłasz, czy bajty nigdy nie są zamieniane na tekst i kiedy pętla się kończy
    .hint-3 = pętla: read() do bufora, write_all() dokładnie przeczytanych bajtów (&buf[..n]); zakończ, gdy read() zwróci 0
many-small-pieces =
    .checks = wiadomość wysłana w 20 małych kawałkach z przerwami wraca echem w całości
    .hint = wiadomość, która przychodzi w małych kawałkach, z przerwami między nimi, ma wrócić w całości: przerwa to nie koniec wiadomości
    .hint-2 = spójrz, kiedy echo() w server.rs kończy pracę: jedno read() zwraca tyle, ile już dotarło, tu kilka bajtów; krótki odczyt to nie koniec, koniec to dopiero odczyt 0 bajtów
    .hint-3 = czytaj i odsyłaj w pętli, aż read() zwróci 0, choćby każde read() zwracało bardzo mało
close-after-half-close =
    .checks = gdy klient zamknie swoją stronę wysyłania, serwer odsyła resztę i zamyka połączenie
    .hint = gdy klient powie, że skończył wysyłać, serwer ma odesłać resztę i zamknąć połączenie: spójrz, co robi serwer, gdy klient skończył
    .hint-2 = w echo() w server.rs read() zwracające 0 to zamknięcie strony wysyłania przez klienta: potem połączenie zamyka się dopiero wtedy, gdy strumień zostanie zwolniony
    .hint-3 = read() zwracające 0 znaczy, że klient skończył wysyłać: wyjdź z pętli, żeby strumień został zwolniony, a połączenie zamknięte; nie czytaj ponownie
several-clients =
    .checks = trzej klienci jeden po drugim dostają każdy swoje echo
    .hint = gdy jeden klient skończy, serwer ma obsłużyć następnego: klienci są obsługiwani jeden po drugim, bez końca
    .hint-2 = spójrz na serve() w server.rs: co się dzieje, gdy echo() wróci dla jednego klienta? Pętla accept nie może się na tym skończyć
    .hint-3 = accept() w pętli; zakończony klient nie może zatrzymać serwera: odsyłaj echo na każdym przyjętym połączeniu, a potem wróć do accept()
connection-reset =
    .checks = klient, który zrywa połączenie (RST, jak klient, który się wysypał), nie zatrzymuje serwera: następny klient dostaje swoje echo
    .hint = klient, który znika (jego połączenie zostaje zerwane, jak wtedy, gdy się wysypie), ma zakończyć tylko swoje połączenie: następny klient nadal ma dostać swoje echo
    .hint-2 = spójrz na serve() w server.rs: echo() zwraca błąd dla zerwanego połączenia (Connection reset by peer); przekazany wyżej przez `?` kończy cały serwer
    .hint-3 = błąd jednego połączenia kończy tylko to połączenie: wypisz go (eprintln!) i wróć do accept(), zamiast zwracać go z pętli accept
port-in-use =
    .checks = na zajętym porcie serwer kończy się niezerowym kodem z komunikatem, który podaje port, bez paniki
    .hint = zajęty port to błąd do zgłoszenia, a nie powód do paniki: spójrz, co robi serwer, gdy bind() się nie uda
    .hint-2 = bind() zwraca io::Error (AddrInUse albo PermissionDenied poniżej 1024): przekaż go wyżej z funkcji, która robi bind(), a main.rs go wypisze i zakończy program z kodem różnym od zera
    .hint-3 = zwróć błąd bind() przez `?` zamiast unwrap(): main.rs go wyjaśni
restart-same-port =
    .checks = serwer może znów nasłuchiwać na tym samym porcie zaraz po zakończeniu połączenia (TIME_WAIT)
    .hint = uruchomiony ponownie od razu na tym samym porcie serwer ma na nim nasłuchiwać, choć połączenia z jego pierwszego uruchomienia wciąż zajmują port (TIME_WAIT): instrukcja mówi, na co serwer ma pozwolić
    .hint-2 = spójrz na allow_address_reuse() w listener.rs i na kolejność wywołań w open_listener(): opcja gniazda działa tylko wtedy, gdy jest ustawiona przed bind()
    .hint-3 = ustaw SO_REUSEADDR (socket.set_reuse_address(true)) przed bind()
ipv6 =
    .checks = `--host ::1` nasłuchuje na pętli zwrotnej IPv6 i odsyła echo
    .hint = z `--host ::1` serwer ma nasłuchiwać na pętli zwrotnej IPv6, a nie kończyć się błędem ani nasłuchiwać na IPv4
    .hint-2 = spójrz na create_socket() w listener.rs: gniazdo IPv4 nie może zrobić bind() na adres IPv6, więc rodzina gniazda musi być taka jak rodzina adresu
    .hint-3 = utwórz gniazdo w domenie adresu: Domain::for_address(addr), a nie zawsze Domain::IPV4
privileged-port =
    .checks = port poniżej 1024 bez uprawnień: niezerowy kod wyjścia i komunikat na stderr z przyczyną podaną przez system (`Permission denied`), bez paniki (pomijany jako root)
    .hint = port, którego serwerowi nie wolno użyć, to błąd do zgłoszenia, a nie powód do paniki: spójrz, co robi serwer, gdy system odmawia mu portu
    .hint-2 = bind() zwraca io::Error rodzaju PermissionDenied dla portu poniżej 1024: przekaż go wyżej z funkcji, która robi bind(), a main.rs go wypisze i zakończy program z kodem różnym od zera
    .hint-3 = zwróć błąd bind() zamiast unwrap(): main.rs wyjaśni „permission denied”
server-host =
    .checks = z `--host 127.0.0.1` serwer nasłuchuje tam i nigdzie indziej: linia gotowości pokazuje 127.0.0.1, a inny adres pętli zwrotnej (127.x.y.z) odmawia połączenia; bez `--host` nasłuchuje na 127.0.0.1, bez `--port` na 7700
    .hint = serwer ma nasłuchiwać pod adresem, który mu podano (--host), i nigdzie indziej, a jego linia gotowości ma pokazywać ten adres; bez --host i --port nasłuchuje na 127.0.0.1, na porcie 7700
    .hint-2 = spójrz, jaki adres dostaje bind() w listener.rs: ma to być ten, który dostało open_listener() (--host i --port), a nie 0.0.0.0, czyli wszystkie adresy maszyny
    .hint-3 = zrób bind() na adres podany w --host, nie na 0.0.0.0, i wypisz adres, na którym nasłuchujesz
client-echo =
    .checks = klient wysyła wiadomość, zamyka stronę wysyłania, wypisuje wszystko, co wróciło (w dwóch kawałkach, aż serwer zamknął), ze znakiem nowej linii tylko wtedy, gdy go nie było, i kończy się kodem 0; bez `--port` i `--message` wysyła `hello, echo` na port 7700
    .hint = wysłać wszystko, powiedzieć, że skończył, i dopiero wtedy przeczytać całe echo: spójrz, co mówi serwerowi, że nic więcej nie przyjdzie
    .hint-2 = po write_all() serwer widzi koniec strumienia dopiero, gdy klient zamknie swoją połowę do zapisu; read_to_end() kończy się wtedy, gdy serwer zamknie połączenie
    .hint-3 = po write_all() wywołaj stream.shutdown(Shutdown::Write), potem read_to_end()
client-refused =
    .checks = klient, który nie znajdzie serwera, kończy się niezerowym kodem z komunikatem o odmowie połączenia, a nie paniką
    .hint = odrzucone połączenie to błąd do zgłoszenia, a nie powód do paniki: spójrz, co robi klient, gdy connect() się nie uda
    .hint-2 = connect() zwraca io::Error rodzaju ConnectionRefused: przekaż go wyżej z funkcji, która się łączy, a main.rs go wypisze i zakończy program z kodem różnym od zera
    .hint-3 = zwróć błąd connect() przez `?` zamiast unwrap(): main.rs go wypisze

## Messages of the tests

# Most tests: what the checker reads back from the server.
lab00-the-echo = echo
# short-message
lab00-echo-before-stop = echo, jeszcze przed końcem wysyłania
# large-binary, many-small-pieces
lab00-whole-echo-then-end = całe echo, potem koniec strumienia
# close-after-half-close
lab00-abc-then-close = "abc", potem zamknięcie połączenia przez serwer
# port-in-use
lab00-exit-port-taken = port jest zajęty, więc powinien się zakończyć
lab00-checker-listens = sprawdzarka nasłuchuje na { $addr }
lab00-listening-on-taken-port = serwer twierdzi, że nasłuchuje na porcie, który jest już zajęty
lab00-error-port-in-use = błąd: port jest zajęty
# restart-same-port
lab00-echo-of-ping = echo "ping"
lab00-was-killed = został zabity
lab00-end-from-stopped = koniec strumienia od zatrzymanego serwera
lab00-stops-server = sprawdzarka zatrzymuje serwer, gdy połączenie jest jeszcze otwarte
lab00-time-wait = na porcie { $port } jest teraz połączenie w stanie TIME_WAIT; sprawdzarka znów uruchamia na nim serwer
lab00-could-not-listen-again = serwer nie mógł znów nasłuchiwać na porcie { $port } zaraz po zakończeniu połączenia: { $why }
# ipv6
lab00-no-ipv6 = ta maszyna nie ma pętli zwrotnej IPv6 (::1)
lab00-ipv4-not-ipv6 = serwer miał nasłuchiwać na ::1, a nasłuchuje na IPv4
# privileged-port
lab00-may-not-listen = nie wolno mu nasłuchiwać na tym porcie
lab00-may-listen-anywhere = serwer miałby prawo nasłuchiwać na każdym porcie (root albo CAP_NET_BIND_SERVICE; sprawdzarka uruchomiona przez roota uruchamia go jako innego użytkownika, chyba że dostanie --run-as root) albo ta maszyna pozwala każdemu nasłuchiwać na każdym porcie (net.ipv4.ip_unprivileged_port_start wynosi 0)
# client-echo
lab00-message-then-half-close = wiadomość klienta, potem zamknięcie jego strony wysyłania (shutdown)
lab00-what-client-sent = wiadomość wysłana przez klienta
lab00-exit-after-server-closed = powinien zakończyć się po tym, jak serwer zamknął połączenie
lab00-sends-back-tagged = sprawdzarka odsyła wiadomość z własnym znacznikiem, w dwóch kawałkach
lab00-client-did-not-print = klient nie wypisał tego, co wróciło
lab00-client-newlines = klient wypisał to, co wróciło, ale nie z dokładnie jednym znakiem nowej linii na końcu (dopisz go tylko wtedy, gdy echo go nie miało)
lab00-client-without-message = klient jest uruchomiony bez --message: powinien wysłać { $message }
lab00-on-stdout = { $line } na stdout

# The handout's rules (RULES in checker/src/labs/lab00.rs): rule-<id>, what it
# says (.says) and, for one no test checks, why (.unchecked).

rule-00-echo-byte-exact =
    .says = Wszystko, co przyjdzie połączeniem, wraca bez zmian, bajt w bajt (dowolne bajty, nie tylko tekst).
rule-00-echo-as-it-arrives =
    .says = Echo wraca na bieżąco, w miarę jak bajty przychodzą: nie ma tu linii, a serwer nie czeka na koniec.
rule-00-close-after-half-close =
    .says = Gdy klient zamknie swoją stronę wysyłania, serwer ma już wszystko odesłane i zamyka połączenie.
rule-00-clients-one-after-another =
    .says = Klientów serwer obsługuje po kolei, bez końca.
rule-00-reset-ends-its-connection =
    .says = Klient, który znika (zerwane połączenie), kończy swoje połączenie, a nie serwer.
rule-00-listens-on-host =
    .says = Serwer nasłuchuje na adresie, który dostał, i nigdzie indziej, a jego linia gotowości `listening on <ip>:<port>` pokazuje adres, z którym się związał.
rule-00-server-defaults =
    .says = Bez `--host` serwer nasłuchuje na 127.0.0.1, a bez `--port` na porcie 7700.
rule-00-ipv6 =
    .says = `--host` przyjmuje też adres IPv6: z `--host ::1` serwer nasłuchuje na pętli zwrotnej IPv6.
rule-00-port-in-use =
    .says = Gdy jego port jest zajęty, serwer kończy się niezerowym kodem wyjścia, bez linii gotowości i bez paniki, z komunikatem na stderr, który podaje port i przyczynę podaną przez system (`Address already in use`).
rule-00-privileged-port =
    .says = Na porcie poniżej 1024, bez uprawnień do nasłuchiwania na nim, serwer kończy się niezerowym kodem wyjścia, bez paniki, z komunikatem na stderr, który podaje przyczynę podaną przez system (`Permission denied`).
rule-00-reuse-address =
    .says = Serwer ustawia `SO_REUSEADDR`: uruchomiony od razu ponownie, nasłuchuje na swoim porcie, choć stare połączenia są tam jeszcze w TIME_WAIT.
rule-00-client-echo =
    .says = Klient łączy się z `--host` i `--port`, które dostał (domyślnie port 7700), wysyła `--message` (domyślnie `hello, echo`), zamyka swoją stronę wysyłania, czyta, aż serwer zamknie połączenie, i kończy się kodem 0.
rule-00-client-default-host =
    .says = Bez `--host` klient łączy się ze 127.0.0.1.
    .unchecked = sprawdzarka musiałaby nasłuchiwać na 127.0.0.1:7700, gdzie może już nasłuchiwać serwer studenta albo inny program, a połączenie, które tam przyjdzie, nie musi być od klienta
rule-00-client-prints-echo =
    .says = Klient wypisuje to, co wróciło, ze znakiem nowej linii, jeśli go nie było (i tylko wtedy).
rule-00-client-cannot-connect =
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

# Wskazówki do konkretnych błędów (checker/src/labs/lab00.rs)
hint-bind-error-lost = serwer się poddał, ale jego komunikat nie mówi, co poszło nie tak: instrukcja wymaga komunikatu na stderr z portem i przyczyną podaną przez system
    .level-2 = main.rs opisuje błąd według jego rodzaju (ErrorKind::AddrInUse, PermissionDenied) i wypisuje go na stderr: zajrzyj tam i sprawdź, czy io::Error z bind() trafia do main.rs bez zmian
    .level-3 = niech bind() zwraca io::Error od systemu taki, jaki jest, a nie własny błąd w jego miejsce, i zostaw komunikat z main.rs, który podaje port i przyczynę, na stderr
hint-listens-on-taken-port = serwer wypisał linię gotowości, choć jego port był zajęty: ma się poddać, a nie nasłuchiwać gdzie indziej
    .level-2 = spójrz na bind() w listener.rs: błąd, który tam przepada (let _ = ..., .ok()), nie zostaje zauważony, a listen() bierze wtedy dowolny wolny port
    .level-3 = zwróć Result z socket.bind() (przez `?` albo wprost), żeby open_listener() zatrzymało się na zajętym porcie
hint-client-newline = klient wypisał echo, ale nie z dokładnie jednym znakiem nowej linii na końcu: dodaje go tylko wtedy, gdy echo go nie miało
    .level-2 = main.rs wypisuje to, co zwróciło client::run(): spójrz, jak dodaje tam znak nowej linii (println! dodaje go zawsze), i sprawdź, czy run() zwraca bajty, które wróciły, bez zmian
    .level-3 = wypisz echo na stdout takie, jakie przyszło, a potem "\n" tylko wtedy, gdy już się nim nie kończy
