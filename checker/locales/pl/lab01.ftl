# Lab 01 (hello/time) in Polish: one message per test of
# checker/src/labs/lab01.rs, named as the test, with what it checks
# (.checks) and where to look when it fails (.hint).

lab01-title = serwer poleceń hello/time

hello =
    .checks = na `Hello` serwer odpowiada `Hello from server`
    .hint = na `Hello` serwer ma odpowiedzieć linią `Hello from server`: spójrz, co na nie odsyła
    .hint-2 = handle_connection() w server.rs czyta polecenie przez read_command() i odpowiada tekstem, który daje respond(): sprawdź, czy linia trafia do respond() bez znaku nowej linii i czy po odpowiedzi idzie znak nowej linii
    .hint-3 = przeczytaj całą linię, porównaj ją z "Hello" (wielkość liter ma znaczenie) i wyślij odpowiedź zakończoną "\n"
close-after-hello =
    .checks = po odpowiedzi na `Hello` serwer zamyka połączenie
    .hint = po odpowiedzi na `Hello` serwer ma zamknąć połączenie: spójrz, co robi, gdy już wyśle tę odpowiedź
    .hint-2 = w handle_connection() w server.rs: mówi o tym Reply, który daje respond() (close: true), a połączenie zamyka się dopiero wtedy, gdy strumień zostanie zwolniony
    .hint-3 = po odpowiedzi na Hello wyjdź z pętli połączenia, żeby strumień został zwolniony (zamknięty)
time =
    .checks = na `Time` serwer odpowiada bieżącym czasem w RFC 3339 z przesunięciem strefy, najwyżej 5 s od zegara sprawdzarki
    .hint = odpowiedź na Time ma być bieżącym czasem w RFC 3339 z przesunięciem względem UTC: spójrz, jak serwer go formatuje
    .hint-2 = sformatuj czas lokalny (ten, który wskazuje TZ, nie UTC) przez chrono, z przesunięciem takim jak +01:00, i wyślij go, a po nim \n
    .hint-3 = chrono::Local::now().to_rfc3339_opts(SecondsFormat::Secs, false) daje np. 2026-11-24T07:31:52+01:00
time-is-local =
    .checks = przy TZ=<+0530>-5:30 (5 h 30 min na wschód od UTC) odpowiedź ma przesunięcie +05:30, a przy TZ=<-0330>3:30 -03:30: czas lokalny to ten, który podaje TZ
    .hint = czas ma być lokalny, czyli czasem strefy, w której działa serwer (TZ), z przesunięciem tej strefy: nie UTC i nie jedno stałe przesunięcie
    .hint-2 = spójrz, jak respond() w protocol.rs odczytuje zegar: UTC ani przesunięcie wpisane na sztywno nie zmieniają się razem z TZ
    .hint-3 = chrono::Local::now() uwzględnia TZ; Utc::now() nie, stałe przesunięcie takie jak +01:00 też nie
time-is-now =
    .checks = dwa zapytania Time w odstępie ponad sekundy dostają czasy różniące się o ponad sekundę (zegar jest odczytywany przy każdym zapytaniu)
    .hint = dwa zapytania Time w odstępie ponad sekundy mają dostać czasy różniące się o ponad sekundę: każda odpowiedź to czas jej własnego zapytania
    .hint-2 = spójrz, gdzie jest odczytywany zegar: odczytany raz przy starcie serwera albo zapamiętany w zmiennej daje każdemu zapytaniu ten sam czas
    .hint-3 = odczytaj zegar, gdy przychodzi zapytanie (w respond(), przy każdym Time), a nie raz przy starcie serwera
unknown-command =
    .checks = na każdą inną linię serwer odpowiada `Unknown command`, także na `Hello\r\r\n` i `Hel\rlo\n` (pomijane jest tylko \r tuż przed \n), na linię, która nie jest w UTF-8, i na linię z 1024 bajtów i `Hello` (obciętą, z pominiętą resztą), a połączenie zostaje otwarte
    .hint = jedna z linii, które nie są Hello ani Time, dostała inną odpowiedź niż `Unknown command` albo zakończyła połączenie: spójrz, jak linia staje się poleceniem
    .hint-2 = spójrz na czytanie linii i porównanie: co jest obcinane z końca linii, jak bajty niebędące UTF-8 stają się tekstem, co dzieje się po 1024 bajtach
    .hint-3 = w poleceniach wielkość liter ma znaczenie i obcinane jest tylko \r przed \n; tylko Hello zamyka połączenie; bajty, które nie są UTF-8, to nieznane polecenie, a nie błąd (from_utf8_lossy); z linii dłuższej niż 1024 bajty pomiń resztę, zamiast czytać ją jako polecenie
several-commands =
    .checks = jedno połączenie obsługuje po kolei Time, nieznane polecenie, Time i Hello
    .hint = jedno połączenie ma obsłużyć po kolei kilka poleceń: po jednej odpowiedzi serwer przechodzi do następnego polecenia
    .hint-2 = spójrz na handle_connection() w server.rs: po odpowiedzi ma czytać następne polecenie z tego samego połączenia, aż do Hello albo końca strumienia
    .hint-3 = obsługuj polecenia w pętli na tym samym połączeniu aż do Hello albo końca strumienia: po każdej odpowiedzi znów wołaj read_command() na tym samym BufReader
several-in-one-write =
    .checks = trzy polecenia, które przyszły w jednym segmencie, dostają trzy odpowiedzi
    .hint = trzy polecenia, które przychodzą razem, w jednym kawałku, mają dostać trzy odpowiedzi: to, co jest po pierwszej linii, to następne polecenie, a nie coś do wyrzucenia
    .hint-2 = spójrz na handle_connection() w server.rs: jedno recv() może zwrócić kilka linii, a BufReader zachowuje na później to, co jest po pierwszym znaku nowej linii; nowy BufReader dla każdego polecenia to gubi
    .hint-3 = jedno recv() może zwrócić kilka linii; zachowaj to, co jest po pierwszym znaku nowej linii, dla następnego polecenia: utwórz jeden BufReader na połączenie, przed pętlą, i czytaj z niego każde polecenie
fragments =
    .checks = polecenie, które przychodzi w kawałkach (`He`, `ll`, `o\n`), to nadal jedno polecenie
    .hint = polecenie, które przychodzi w kawałkach, to nadal jedno polecenie: serwer ma poczekać na całą linię
    .hint-2 = spójrz na read_command() w server.rs: jedno recv() może zwrócić tylko część linii, a linia jest cała dopiero wtedy, gdy dotrze jej znak nowej linii
    .hint-3 = jedno recv() może zwrócić część linii; czytaj dalej aż do znaku nowej linii (BufRead::read_line / read_until)
crlf =
    .checks = `Hello\r\n` (tak wysyłają telnet i nc -C) liczy się jako Hello
    .hint = `Hello\r\n`, tak jak wysyłają je telnet i nc -C, ma się liczyć jako Hello: spójrz, jak jest obcinany koniec linii
    .hint-2 = spójrz na read_command() w server.rs: co obcina z końca linii? \r tuż przed \n należy do końca linii, a nie do polecenia
    .hint-3 = obetnij końcowe "\r" tak samo jak "\n" (po jednym i tylko na końcu)
last-line-without-newline =
    .checks = `Hello` bez znaku nowej linii, po którym klient zamyka stronę wysyłania, nadal się liczy
    .hint = na `Hello` bez znaku nowej linii, po którym klient kończy wysyłanie, serwer nadal ma odpowiedzieć: ostatnia linia może nie mieć znaku nowej linii
    .hint-2 = spójrz na read_command() w server.rs: gdy strumień kończy się w środku linii, to, co już przeczytano, jest poleceniem, a nie niczym
    .hint-3 = na końcu strumienia niepusta, niedokończona linia to nadal polecenie: zwróć ją, a None tylko wtedy, gdy nie przeczytano nic
end-of-stream =
    .checks = po `Time` klient zamyka swoją stronę wysyłania: serwer też zamyka połączenie i obsługuje następne
    .hint = gdy klient skończy wysyłać, serwer też ma zamknąć połączenie, a potem obsłużyć następnego klienta
    .hint-2 = spójrz na handle_connection() w server.rs: None z read_command() to koniec strumienia, po którym nic więcej nie przyjdzie
    .hint-3 = read() zwracające 0 (read_command dające None) to koniec połączenia: wyjdź z pętli i zwolnij strumień; nie czekaj na więcej
connection-reset =
    .checks = klient, który zrywa połączenie (RST, jak klient, który się wysypał), nie zatrzymuje serwera: następny klient jest obsłużony
    .hint = klient, który znika (jego połączenie zostaje zerwane, jak wtedy, gdy się wysypie), ma zakończyć tylko swoje połączenie: następny klient nadal ma zostać obsłużony
    .hint-2 = spójrz na serve() w server.rs: handle_connection() zwraca błąd dla zerwanego połączenia (Connection reset by peer); przekazany wyżej przez `?` kończy cały serwer
    .hint-3 = błąd jednego połączenia kończy tylko to połączenie: wypisz go i wróć do accept(), zamiast zwracać go z pętli accept()
once =
    .checks = z `--once` serwer kończy się kodem 0, gdy skończy się jego pierwsze połączenie
    .hint = z --once serwer obsługuje jedno połączenie, a po jego zakończeniu kończy działanie z kodem 0
    .hint-2 = spójrz na serve() w server.rs: jego argument `once` mówi, czy pętla accept kończy się po pierwszym połączeniu
    .hint-3 = wyjdź z pętli accept po pierwszym połączeniu, gdy podano --once: zwróć Ok(()), żeby kod wyjścia był 0
second-connection =
    .checks = bez `--once` serwer obsługuje drugie połączenie, gdy pierwsze się skończy
    .hint = bez --once serwer ma obsłużyć kolejne połączenie, gdy pierwsze się skończy
    .hint-2 = spójrz na serve() w server.rs: gdy handle_connection() wróci, pętla wraca do accept(), chyba że `once` jest true
    .hint-3 = accept() w pętli; zakończone połączenie nie może kończyć serwera
server-host =
    .checks = z `--host 127.0.0.1` serwer nasłuchuje tam i nigdzie indziej: linia gotowości pokazuje 127.0.0.1, a inny adres pętli zwrotnej (127.x.y.z) odmawia połączenia; bez `--host` nasłuchuje na 127.0.0.1, bez `--port` na 7701
    .hint = serwer ma nasłuchiwać pod adresem, który mu podano (--host), i nigdzie indziej, a jego linia gotowości ma pokazywać ten adres; bez --host i --port nasłuchuje na 127.0.0.1, na porcie 7701
    .hint-2 = spójrz na run_server() w main.rs: TcpListener::bind() ma dostać --host i --port z wiersza poleceń (ich wartości domyślne są w cli.rs), a nie 0.0.0.0, czyli wszystkie adresy maszyny
    .hint-3 = zrób bind() na adres podany w --host, nie na 0.0.0.0, i wypisz adres, na którym nasłuchujesz
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
    .hint = odrzucone połączenie to błąd do zgłoszenia, a nie powód do paniki: spójrz, co robi klient, gdy żaden serwer nie nasłuchuje
    .hint-2 = connect() zwraca io::Error rodzaju ConnectionRefused: przekaż go wyżej z client::run(), a main.rs go wypisze i zakończy program z kodem różnym od zera
    .hint-3 = zwróć błąd connect() zamiast robić unwrap(); kod w main.rs go wypisze

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

# Wskazówki do konkretnych błędów (checker/src/labs/lab01.rs)
hint-client-printed-more = klient wypisał na stdout odpowiedź, ale też coś jeszcze: na stdout trafia tylko linia odpowiedzi, a wszystko inne, co klient mówi, idzie na stderr
    .level-2 = poszukaj w client.rs i main.rs innych println! niż to, które wypisuje odpowiedź: komunikaty takie jak "connected" albo "sending" mają trafiać na stderr
    .level-3 = zamień każde inne println! na eprintln!, żeby na stdout była tylko linia, którą main.rs wypisuje z tego, co zwróciło client::run()
