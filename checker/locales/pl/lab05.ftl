# Lab 05 (UTC time over TCP and UDP) in Polish: one message per test of
# checker/src/labs/lab05.rs, named as the test, with what it checks
# (.checks) and where to look when it fails (.hint).

lab05-title = serwer czasu UTC przez TCP i UDP

time-format =
    .checks = na `TIME` serwer odpowiada w RFC 3339 w UTC, z milisekundami i `Z`: `2026-11-24T06:31:52.123Z`
    .hint = odpowiedź na TIME nie jest czasem zapisanym tak, jak chce protokół: RFC 3339, w UTC, z milisekundami i `Z`, w osobnej linii
    .hint-2 = spójrz, co handle_connection() wysyła dla Request::Time: tekst daje gotowe protocol::now_utc(), a linia odpowiedzi kończy się \n
    .hint-3 = na TIME wyślij now_utc() i \n jednym zapisem (now_utc() to Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true))
time-is-utc =
    .checks = czas różni się najwyżej o 2 s od zegara UTC sprawdzarki, choć serwer działa z TZ=<+0530>-5:30
    .hint = czas nie jest w UTC: serwer odpowiada w strefie czasowej, w której działa (sprawdzarka uruchamia go 5 h 30 min przed UTC)
    .hint-2 = spójrz, skąd bierze się czas odpowiedzi w handle_connection() i udp_reply(): zegar trzeba odczytać w UTC
    .hint-3 = odczytuj zegar w UTC (chrono::Utc, tak jak gotowe now_utc()), a nie czas lokalny (chrono::Local)
time-is-now =
    .checks = każda odpowiedź mieści się w 10 ms od zegara sprawdzarki między jej zapytaniem a nią samą, także na zapytanie wysłane 25 ms po poprzedniej odpowiedzi, a ich milisekundy się zmieniają: zegar jest odczytywany przy każdym zapytaniu, z dokładnością do milisekundy
    .hint = czas w odpowiedzi nie jest czasem jej powstania: zegar odczytuje się przy każdym zapytaniu, z dokładnością do milisekundy
    .hint-2 = spójrz, kiedy serwer odczytuje zegar: raz na każde zapytanie, gdy na nie odpowiada, i czy wypisywane milisekundy pochodzą z zegara
    .hint-3 = wołaj Utc::now(), gdy przychodzi zapytanie, a nie raz przy starcie serwera ani czasu zapamiętanego dla kolejnych zapytań, i wypisuj jego własne milisekundy (SecondsFormat::Millis), a nie stałe .000
case-insensitive =
    .checks = na `time` i `Time` serwer odpowiada tak jak na `TIME`
    .hint = `time` i `Time` to też TIME: wielkość liter w poleceniu nie ma znaczenia
    .hint-2 = spójrz, jak handle_connection() odróżnia TIME od innych linii: gotowe parse_request() już pomija wielkość liter
    .hint-3 = użyj parse_request(&line) (porównuje przez str::eq_ignore_ascii_case) zamiast porównywać linię z "TIME"
unknown-command =
    .checks = na cokolwiek innego (także ` TIME `: pomijane jest tylko \r, nie spacje) serwer odpowiada `ERROR unknown command`, a połączenie zostaje otwarte
    .hint = na wszystko, co nie jest poleceniem, serwer odpowiada `ERROR unknown command`, a połączenie zostaje otwarte; pomijane jest tylko \r przed \n, nie spacje
    .hint-2 = spójrz, co handle_connection() odpowiada na Request::Unknown i czy jej pętla czyta dalej po tej odpowiedzi
    .hint-3 = odpowiedz błędem i czytaj dalsze zapytania; usuń tylko jedno końcowe \r (strip_suffix), nie trim()
quit =
    .checks = `QUIT` sprawia, że serwer zamyka połączenie
    .hint = po QUIT serwer zamyka połączenie
    .hint-2 = spójrz, co handle_connection() robi na Request::Quit: połączenie zamyka się, gdy jego strumień zostaje zwolniony
    .hint-3 = na QUIT wyjdź z pętli zapytań, żeby strumień został zwolniony (zamknięty)
end-of-stream =
    .checks = klient, który wysyła `TIME` i zamyka swoją stronę wysyłającą, dostaje odpowiedź, a potem serwer zamyka połączenie
    .hint = klient, który zamyka swoją stronę wysyłającą, nadal dostaje odpowiedź na to, co wysłał, a potem serwer zamyka połączenie
    .hint-2 = spójrz, co handle_connection() robi, gdy read_request() zwraca None: koniec strumienia
    .hint-3 = odpowiedz na każde zapytanie odczytane przed końcem; na None wyjdź z pętli (strumień zostanie zwolniony, czyli zamknięty) i nie czytaj ponownie
long-request =
    .checks = linia zapytania o długości 2000 bajtów dostaje jedno `ERROR unknown command`, a `TIME` po niej czas
    .hint = linia zapytania dłuższa niż 512 bajtów to jedno nieznane polecenie, z jedną odpowiedzią; zapytanie po niej dostaje zwykłą odpowiedź
    .hint-2 = spójrz, jak handle_connection() czyta linie: gotowe read_request() doczytuje długą linię do końca i zwraca ją przyciętą
    .hint-3 = czytaj każde zapytanie przez read_request(&mut reader) na jednym BufReader; przycięta linia to Request::Unknown: odpowiedz na nią raz
many-requests =
    .checks = 100 zapytań w jednym zapisie na jednym połączeniu (co dziesiąte to `HELLO`) dostaje 100 odpowiedzi, w kolejności
    .hint = kilka zapytań w jednym zapisie to kilka zapytań: każde dostaje odpowiedź, w kolejności
    .hint-2 = spójrz na pętlę handle_connection(): jeden BufReader na całe połączenie, jedna odpowiedź na każdą linię
    .hint-3 = utwórz BufReader raz, przed pętlą (nowy na każde zapytanie gubi to, co wczytał za pierwszą linią), i odpowiadaj na linie po kolei
crlf-and-fragments =
    .checks = `TIME\r\n` liczy się jako TIME, tak samo jak zapytanie, które przychodzi w kawałkach (`TI`, `ME\n`)
    .hint = zapytanie to linia: `TIME\r\n` to TIME, a linia, która przychodzi w kawałkach, to jedno zapytanie
    .hint-2 = spójrz, jak handle_connection() czyta: jeden read() może zawierać część linii albo kilka linii; read_request() czyta do \n
    .hint-3 = czytaj całe linie (read_request na BufReader) i przekazuj je do parse_request(), które usuwa jedno końcowe \r
many-connections =
    .checks = 100 połączeń otwartych naraz dostaje odpowiedzi
    .hint = serwer ma odpowiadać wielu klientom połączonym naraz, a nie jednemu po drugim
    .hint-2 = spójrz na serve_tcp(): gdy jeden klient jest obsługiwany, inny wątek musi czekać w accept()
    .hint-3 = w serve_tcp() uruchamiaj wątek dla każdego przyjętego połączenia (albo gotowe Acceptors i accept_and_serve()); nigdy nie obsługuj klienta w wątku, który przyjmuje połączenia
idle-connection =
    .checks = gdy jeden klient milczy, a drugi wysłał pół zapytania, pozostali dostają odpowiedzi, a potem także ci dwaj
    .hint = klient, który milczy albo wysłał pół zapytania, nie może wstrzymywać pozostałych
    .hint-2 = spójrz, który wątek czyta gniazdo każdego klienta: odczyt czeka, aż ten klient coś wyśle
    .hint-3 = daj każdemu klientowi własny wątek (handle_connection() w nowym wątku): nigdy nie czytaj gniazda jednego klienta w wątku, który przyjmuje albo obsługuje pozostałych
udp-time =
    .checks = z --udp datagram `TIME` (także `time\n`, `Time\r\n`) na ten sam numer portu dostaje datagram z czasem, z tego portu; serwer wypisał `udp on <ip>:<port>` i nadal odpowiada przez TCP
    .hint = serwer ma odpowiadać na datagramy TIME na tym samym porcie co TCP, obsługując jednocześnie TCP: spójrz, gdzie gniazdo UDP jest tworzone i obsługiwane
    .hint-2 = gniazdo UDP ma bind() na adres gniazda nasłuchującego TCP (jego port) i jest obsługiwane we własnym wątku: jeden datagram przychodzi, jedna odpowiedź wraca do nadawcy
    .hint-3 = zrób bind() gniazda UdpSocket na lokalny adres gniazda nasłuchującego, odpowiadaj przez send_to(reply, peer) we własnym wątku i dalej obsługuj TCP
udp-host =
    .checks = z --udp i `--host 127.0.0.1` także gniazdo UDP jest związane tam i nigdzie indziej: datagram na inny adres pętli zwrotnej (127.x.y.z) nie dostaje odpowiedzi
    .hint = z --host także gniazdo UDP ma być tylko na tym adresie
    .hint-2 = spójrz, na jaki adres jest związane gniazdo UDP: ten sam co gniazdo nasłuchujące TCP (adres z --host i jego port)
    .hint-3 = zwiąż UdpSocket z lokalnym adresem nasłuchującego gniazda (--host i port), a nie z 0.0.0.0
udp-error =
    .checks = datagram, który nie jest TIME (`HELLO`, `QUIT`, ` TIME `), dostaje `ERROR unknown command`, a pusty nie dostaje odpowiedzi
    .hint = datagram, który nie jest TIME, dostaje `ERROR unknown command`, a pusty nie dostaje odpowiedzi; końcowy znak nowej linii jest dozwolony, spacje nie są pomijane
    .hint-2 = spójrz na udp_reply(): co zwraca dla pustego datagramu, dla TIME z końcowym \n albo \r\n i dla wszystkiego innego
    .hint-3 = odpowiadaj na każdy niepusty datagram; usuń tylko końcowe \n albo \r\n, nie trim()
udp-garbage =
    .checks = pusty datagram, 2000 bajtów śmieci i niepoprawny UTF-8 niczego nie zabijają: po nich TIME nadal dostaje odpowiedź
    .hint = zły datagram (pusty, za długi, niepoprawny UTF-8) nie może powstrzymać serwera przed odpowiedzią na następny
    .hint-2 = spójrz na pętlę serve_udp() i na udp_reply(): recv_from() albo send_to(), które się nie udaje, i bajty, które nie są tekstem
    .hint-3 = na zły datagram odpowiedz błędem albo go pomiń (String::from_utf8_lossy, bufor MAX_REQUEST + 1 bajtów); nigdy nie wychodź z pętli ani nie rób na nim unwrap
server-host =
    .checks = z `--host 127.0.0.1` serwer nasłuchuje tam i nigdzie indziej: linia gotowości pokazuje 127.0.0.1, a inny adres pętli zwrotnej (127.x.y.z) odmawia połączenia
    .hint = serwer ma nasłuchiwać na adresie podanym w --host i nigdzie indziej
    .hint-2 = spójrz, na jaki adres run_server() robi bind() i jaki adres wypisuje w linii gotowości
    .hint-3 = zrób bind() na adres podany w --host, nie na 0.0.0.0, i wypisz adres, na którym nasłuchujesz
client-tcp =
    .checks = klient wypisuje czas serwera, czas podróży w obie strony (rtt) i przesunięcie (czas serwera + rtt/2 - czas lokalny), trzy razy, oraz najlepsze przesunięcie: to z najkrótszego czasu podróży (jego linie są czytane po jego zakończeniu)
    .hint = linie klienta nie są takie, jak pokazuje instrukcja: czas serwera, czas podróży w obie strony i przesunięcie dla każdej odpowiedzi, a na końcu najlepsze przesunięcie
    .hint-2 = spójrz na estimate() (algorytm Cristiana) i measure_tcp(): jedna próbka na każde zapytanie, każda pokazana, gdy tylko powstanie
    .hint-3 = przesunięcie = czas serwera + rtt/2 - czas lokalny w chwili nadejścia odpowiedzi; wypisz linię dokładnie tak, jak pokazuje instrukcja; najlepsza jest próbka o najmniejszym rtt
client-quits =
    .checks = po ostatniej odpowiedzi przez TCP klient mówi `QUIT` i zamyka połączenie
    .hint = przez TCP klient mówi QUIT po ostatniej odpowiedzi, zanim zamknie połączenie
    .hint-2 = spójrz na koniec measure_tcp(): po ostatniej odpowiedzi do serwera idzie jeszcze jedna linia
    .hint-3 = wyślij QUIT\n po odpowiedzi na ostatnie zapytanie, zanim połączenie zostanie zamknięte
client-udp =
    .checks = z --udp klient pyta datagramem i wypisuje taką samą linię
    .hint = przez UDP klient wysyła jeden datagram, `TIME`, i odbiera jeden datagram; wypisuje taką samą linię jak przez TCP
    .hint-2 = gniazdo UDP klienta: UdpSocket::bind na port 0 (dowolny wolny), potem connect() do serwera, żeby send() i recv() nie potrzebowały adresu
    .hint-3 = UdpSocket::bind((host, 0)), connect((host, port)), send(b"TIME"), recv(&mut buf) do bufora co najmniej 64-bajtowego; potem przetwórz i wypisz tak jak przez TCP
client-udp-count =
    .checks = z --udp --count 2 klient pyta dwa razy, po datagramie, i wypisuje dwie linie oraz najlepsze przesunięcie
    .hint = z --udp i --count N klient pyta N razy, każdorazowo datagramem, i wypisuje linię dla każdej odpowiedzi oraz najlepsze przesunięcie
    .hint-2 = spójrz na measure_udp(): jedno zapytanie i jedna próbka na każdą odpowiedź, count razy, każda pokazana, gdy tylko powstanie
    .hint-3 = w measure_udp() powtórz count razy: wyślij TIME, odbierz odpowiedź, estimate() i show(), i zwróć wszystkie próbki (main.rs wypisuje najlepszą)
client-udp-retry =
    .checks = gdy pierwsze zapytanie UDP zginie, klient pyta ponownie 1 s później (bez --retry-ms), wypisawszy wcześniej linię na stderr, i wypisuje czas
    .hint = zgubione zapytanie trzeba wysłać ponownie, mówiąc o tym na stderr: spójrz, co robi klient, gdy odpowiedź nie przychodzi
    .hint-2 = recv() na gnieździe UDP czeka w nieskończoność, jeśli gniazdo nie ma limitu czasu odczytu; przekroczenie czasu to io::Error rodzaju WouldBlock albo TimedOut
    .hint-3 = set_read_timeout() na gnieździe UDP na --retry-ms (domyślnie 1000); po przekroczeniu czasu eprintln! linię, potem wyślij zapytanie jeszcze raz
client-udp-gives-up =
    .checks = gdy odpowiedź UDP nigdy nie przychodzi, klient z `--retry-ms 200` pyta 3 razy (albo 4), co 200 ms, a potem kończy się z niezerowym kodem i komunikatem
    .hint = gdy odpowiedź nigdy nie przychodzi, klient ma przestać po swoich próbach i to powiedzieć: spójrz, jak je liczy
    .hint-2 = pętla ponawiania: każde przekroczenie czasu to jedna próba; po ostatniej zwróć błąd (main.rs go wypisze i zakończy program z kodem różnym od zera)
    .hint-3 = czekaj na każdą odpowiedź --retry-ms; licz próby: po ostatnim przekroczeniu czasu zwróć błąd, zamiast pytać ponownie
client-refused =
    .checks = gdy żaden serwer nie nasłuchuje, klient mówi `connection refused` i kończy się niezerowym kodem bez paniki
    .hint = odmowa połączenia to komunikat o błędzie i niezerowy kod wyjścia, a nie panika
    .hint-2 = poszukaj unwrap() albo expect() na connect() w measure_tcp() i na wywołaniach po nim: ich błędy wracają do run_client()
    .hint-3 = zwróć io::Error przez ? z measure_tcp(); gotowe run_client() dopasowuje jego rodzaj (ConnectionRefused) i mówi `connection refused`

## The handout's rules (docs/pl/05-time.md, section "Reguły")

rule-05-thread-per-client =
    .says = TCP: każdy klient ma własny wątek, dopóki jest połączony, więc bezczynny albo powolny klient nigdy nie opóźnia pozostałych.
rule-05-many-requests-in-order =
    .says = Na jednym połączeniu klient może wysłać wiele zapytań, także kilka w jednym zapisie; odpowiedzi przychodzą w kolejności.
rule-05-lines =
    .says = Linie kończą się `\n`; `\r` przed nim jest pomijane, a zapytanie może przyjść w kawałkach.
rule-05-server-crlf-allowed =
    .says = Serwer może też kończyć swoje linie `\r\n`.
rule-05-case-insensitive =
    .says = Wielkość liter w zapytaniach nie ma znaczenia: `TIME`, `time`, `Time`.
rule-05-time-format =
    .says = Na `TIME` odpowiedzią jest bieżący czas w UTC, RFC 3339 z dokładnie trzema cyframi milisekund i `Z`: `2026-11-24T06:31:52.123Z`.
rule-05-time-is-utc =
    .says = Czas jest w UTC: serwer na maszynie ze strefą czasową Warszawy czy Kalkuty odpowiada tak samo jak w Londynie.
rule-05-clock-at-request =
    .says = Czas jest odczytywany z zegara w chwili nadejścia zapytania (z dokładnością do milisekundy, a nie zapamiętany z wcześniejszego zapytania).
rule-05-quit-closes =
    .says = `QUIT` nie dostaje odpowiedzi: serwer zamyka połączenie.
rule-05-unknown-command =
    .says = Wszystko inne (także pusta linia) dostaje `ERROR unknown command`, a połączenie zostaje otwarte.
rule-05-spaces-not-ignored =
    .says = Pomijane jest tylko `\r` przed `\n` (przez UDP końcowe `\n` albo `\r\n`), nie spacje: ` TIME ` to nie `TIME`.
rule-05-end-of-stream =
    .says = Na końcu strumienia serwer też zamyka połączenie, gdy już odpowie na to, co przyszło wcześniej.
rule-05-long-request =
    .says = Linia zapytania dłuższa niż 512 bajtów jest doczytywana do końca i dostaje jedno `ERROR unknown command`.
rule-05-udp-also =
    .says = `--udp` dodaje UDP: serwer odpowiada przez TCP jak wcześniej, a do tego przez UDP na tym samym numerze portu.
rule-05-udp-time =
    .says = Datagram `TIME` (wielkość liter dowolna; dozwolone końcowe `\n` albo `\r\n`) dostaje z powrotem jeden datagram z czasem, z końcowym znakiem nowej linii albo bez, wysłany z portu, na który przyszedł.
rule-05-udp-error =
    .says = Każdy inny niepusty datagram dostaje `ERROR unknown command` (`QUIT` też: nie ma połączenia do zamknięcia).
rule-05-udp-empty =
    .says = Pusty datagram nie dostaje odpowiedzi.
rule-05-udp-garbage =
    .says = Nic, co jest w datagramie — 2000 bajtów śmieci, niepoprawny UTF-8 — nie może zatrzymać serwera.
rule-05-host-only =
    .says = Serwer nasłuchuje (TCP, a z `--udp` także UDP) na adresie, który dostał, i nigdzie indziej.
rule-05-ready-lines =
    .says = Serwer wypisuje `udp on <ip>:<port>` (z `--udp`), a potem linię gotowości `listening on <ip>:<port>` z adresem, z którym się związał (z `--port 0` — z portem wybranym przez system).
rule-05-client-asks =
    .says = Klient pyta N razy (`--count`, domyślnie 1) przez jedno połączenie TCP albo, z `--udp`, każdym razem jednym datagramem, pod `--host` i `--port`, które dostał.
rule-05-client-quits =
    .says = Przez TCP po ostatniej odpowiedzi klient mówi `QUIT`.
rule-05-client-line =
    .says = Klient wypisuje jedną linię na odpowiedź, dokładnie `server time <czas serwera w zapisie protokołu>  rtt <ms> ms  offset <ms> ms`.
rule-05-client-rtt =
    .says = `rtt` to czas podróży w obie strony, od chwili tuż przed wysłaniem zapytania do chwili tuż po nadejściu odpowiedzi, w milisekundach.
rule-05-client-offset =
    .says = `offset` to oszacowanie Cristiana (Klient, wyżej): o ile twój zegar spóźnia się względem zegara serwera, w milisekundach; dodatnie, gdy się spóźnia.
rule-05-client-best =
    .says = Gdy N > 1, ostatnia linia `best offset <ms> ms (rtt <ms> ms)` podaje oszacowanie z najszybszej podróży.
rule-05-client-output-at-exit =
    .says = Linie klienta mogą pojawiać się na bieżąco albo wszystkie naraz przy jego zakończeniu (stdout do potoku może być buforowane blokami): są oceniane, gdy klient się zakończy.
rule-05-client-udp-wait =
    .says = Przez UDP klient czeka na odpowiedź 1 sekundę (`--retry-ms N`: N milisekund), zanim zapyta ponownie.
rule-05-client-udp-note =
    .says = Zanim wyśle zapytanie ponownie, klient mówi o tym linią na stderr (dowolnymi słowami; np. `no reply within 1000 ms; asking again`).
rule-05-client-udp-gives-up =
    .says = Klient wysyła zapytanie do 3 razy (3 zapytania w sumie; 4 też są przyjmowane), a potem poddaje się z błędem i niezerowym kodem wyjścia.
rule-05-client-refused =
    .says = Odrzucone połączenie to komunikat o błędzie (`connection refused`) i niezerowy kod wyjścia, nigdy panika.

## Messages of the tests

# The form of a reply to TIME (time-format and every test that reads one).
lab05-example = czas RFC 3339 w UTC z milisekundami, np. 2026-11-24T06:31:52.123Z
lab05-reply-not-rfc3339 = odpowiedź na TIME nie jest w formacie RFC 3339
lab05-reply-not-z = odpowiedź na TIME nie kończy się na Z (UTC)
lab05-reply-not-millis = odpowiedź na TIME nie ma dokładnie trzech cyfr milisekund
lab05-reply-to-time-wait = odpowiedź na TIME

# A reply's time against the checker's clock (time-is-utc and others).
lab05-time-away = czas różni się o { $off } s od zegara UTC sprawdzarki
lab05-within-2-s = najwyżej 2 s różnicy od { $now }

# time-is-now
lab05-reply-older = odpowiedź jest o { $ms } ms starsza niż zapytanie, na które odpowiada: zegar nie został odczytany, gdy przyszło zapytanie
lab05-reply-later = odpowiedź jest o { $ms } ms późniejsza niż chwila, w której nadeszła: to nie jest czas, w którym odpowiedziano na zapytanie
lab05-time-between = czas od { $from } do { $to } (zegar sprawdzarki tuż przed zapytaniem i tuż po odpowiedzi, z tolerancją { $slack } ms)
lab05-same-millis = każda odpowiedź ma te same milisekundy: zegar nie jest odczytywany z dokładnością do milisekundy
lab05-millis-move = milisekundy, które zmieniają się razem z zegarem
lab05-too-busy-to-tell = w { $trials } próbach żadne dwa zapytania w odstępie 25 ms nie dostały odpowiedzi w ciągu 90 ms: maszyna jest zbyt zajęta, żeby odróżnić czas zapamiętany od świeżego; oceń jeszcze raz
lab05-and-then = { $first }, a potem { $last }

# quit
lab05-close-after-quit = zamknięcie połączenia przez serwer po QUIT

# end-of-stream
lab05-reply-then-close = odpowiedź, a potem zamknięcie połączenia przez serwer
lab05-not-one-reply = serwer nie wysłał dokładnie jednej odpowiedzi przed zamknięciem połączenia
lab05-one-time-then-end = jeden czas, potem koniec strumienia

# long-request
lab05-reply-after-long-line = odpowiedź na TIME po długiej linii
lab05-long-line-errors = długa linia dostała więcej niż jeden błąd: jej reszta została wzięta za kolejne zapytania
lab05-one-error-then-time = jedno `ERROR unknown command`, potem czas
lab05-again = { $line } ponownie

# many-requests
lab05-reply-of-100 = odpowiedź { $i } ze 100
lab05-reply-other-request = odpowiedź { $i } dotyczy innego zapytania
lab05-reply-to-hello = odpowiedź { $i } na HELLO: "ERROR unknown command"
lab05-reply-to-time = odpowiedź { $i } na TIME: czas
lab05-reply-earlier = odpowiedź { $i } jest wcześniejsza niż poprzednia
lab05-replies-in-order = odpowiedzi w kolejności zapytań

# idle-connection
lab05-c1-silent-c2-half = c1 milczy; c2 wysłał pół zapytania
lab05-c1-c2-finish = c1 i c2 kończą teraz swoje zapytania: oba połączenia są nadal obsługiwane

# A datagram to the server and its reply (udp-time, udp-host, udp-error).
lab05-no-datagram-back = żaden datagram nie wrócił
lab05-reply-datagram-from = datagram z odpowiedzią z { $to }
lab05-nothing-before-deadline = nic przed upływem limitu czasu
lab05-reply-from-elsewhere = odpowiedź przyszła z { $from }, a nie z { $to }, dokąd poszło zapytanie
lab05-reply-with-send-to = odpowiedź wysłana przez send_to() z gniazda związanego z { $to }
lab05-datagram-from = datagram z { $from }

# udp-host
lab05-told-host-sends-elsewhere = serwer dostał --host { $host }; sprawdzarka wysyła TIME na { $elsewhere }
lab05-udp-to = UDP do { $elsewhere }: { $error }
lab05-answered-elsewhere = serwer odpowiedział na datagram wysłany na { $elsewhere }: jego gniazdo UDP nasłuchuje nie tylko na { $host }
lab05-no-answer-bound-host = brak odpowiedzi: gniazdo UDP związane tylko z adresem z --host, a nie z 0.0.0.0

# udp-time
lab05-no-udp-on = serwer nie wypisał adresu swojego gniazda UDP
lab05-udp-and-tcp = z --udp serwer obsługuje też TCP: sprawdzarka pyta przez TCP

# udp-error
lab05-datagram-wrong-answer = datagram { $datagram } dostał złą odpowiedź
lab05-error-line = "ERROR unknown command"
lab05-empty-answered = pusty datagram dostał odpowiedź
lab05-empty-no-answer = brak odpowiedzi na pusty datagram, potem czas na TIME

# udp-garbage
lab05-server-ended-after-garbage = serwer { $ended } po złych datagramach
lab05-no-answer-after-garbage = zapytanie TIME nie dostało odpowiedzi po złych datagramach
lab05-reply-with-time = odpowiedź z czasem

# What the client printed (client-tcp, client-udp, client-udp-retry).
lab05-printed-lines-for-requests =
    klient wypisał { $printed ->
        [one] { $printed } linię
        [few] { $printed } linie
       *[many] { $printed } linii
    } pomiaru dla { $requests ->
        [one] { $requests } zapytania
       *[other] { $requests } zapytań
    }
lab05-line-per-request = `server time <time>  rtt <ms> ms  offset <ms> ms`, jedna linia na zapytanie
lab05-time-not-as-it-came = klient nie wypisał czasu serwera dokładnie tak, jak przyszedł
lab05-server-time = server time { $time }
lab05-rtt-wrong = czas w obie strony wypisany przez klienta nie zgadza się z tym, ile naprawdę trwał
lab05-rtt-between = od { $delay } ms (tyle sprawdzarka czekała z odpowiedzią) do { $took } ms
lab05-rtt-ms = rtt { $rtt } ms
lab05-offset-wrong = przesunięcie wypisane przez klienta jest błędne
lab05-offset-sign = przesunięcie wypisane przez klienta ma dobrą wartość, ale zły znak
lab05-offset-without-half-rtt = przesunięcie wypisane przez klienta różni się o połowę czasu obiegu (rtt)
lab05-offset-about = około { $truth } ms: czas serwera + rtt/2 - czas lokalny w chwili nadejścia odpowiedzi (zegar serwera sprawdzarki spieszy się o 5 s)
lab05-offset-rtt-ms = offset { $offset } ms (rtt { $rtt } ms)
lab05-no-best-estimate = klient nie wypisał swojego najlepszego oszacowania
lab05-last-line-best = ostatnia linia `best offset <ms> ms (rtt <ms> ms)`
lab05-best-not-fastest = najlepsze przesunięcie nie jest tym z najkrótszego czasu w obie strony
lab05-best-as-printed = best offset { $offset } ms (rtt { $rtt } ms), tak jak wypisane dla najmniejszego rtt

# client-tcp, client-udp
lab05-request-n = zapytanie { $i }
lab05-exit-after-requests = powinien zakończyć się po swoich zapytaniach
lab05-not-asked-with-time = klient nie zapytał poleceniem TIME
lab05-time-line = "TIME"

# client-quits
lab05-the-request = zapytanie
lab05-quit-then-close = QUIT, a potem zamknięcie połączenia przez klienta
lab05-exit-after-quit = powinien zakończyć się po QUIT
lab05-no-quit = klient nie wysłał QUIT przed zamknięciem połączenia
lab05-quit-then-end = "QUIT\n", potem koniec strumienia
lab05-then-end = { $text }, potem koniec strumienia

# client-udp, client-udp-retry
lab05-no-datagram = klient nie wysłał żadnego datagramu
lab05-datagram-time = datagram `TIME`
lab05-drops-first = sprawdzarka gubi pierwsze zapytanie, jak może to zrobić sieć
lab05-not-asked-again = klient nie zapytał ponownie, gdy jego zapytanie zginęło
lab05-second-datagram = drugi datagram `TIME` po przekroczeniu czasu
lab05-asked-again-early = klient zapytał ponownie, zanim sprawdzarka odpowiedziała
lab05-exit-after-time = powinien zakończyć się po wypisaniu czasu
lab05-did-not-say-again = klient nie powiedział na stderr, że pyta ponownie
lab05-stderr-again = linia na stderr po przekroczeniu czasu, zanim zapytanie zostanie wysłane ponownie
lab05-retry-gap = klient zapytał ponownie { $gap } ms po poprzednim zapytaniu, a nie po { $retry } ms
lab05-retry-gap-at-least = co najmniej { $shortest } ms
lab05-retry-gap-between = od { $shortest } do { $longest } ms (z tego { $waited } ms klient czekał na procesor)
lab05-gap-ms = { $gap } ms
lab05-gap-not-judged = sprawdzarka nie mogła ocenić, czy klient nie zapytał ponownie za późno (jądro nie podało znaczników czasu ani czasu czekania klienta na procesor): oceniono tylko najkrótszy odstęp

# client-udp-count
lab05-count-2 =
    z --udp --count 2 klient wysłał { $asked ->
        [one] { $asked } zapytanie
        [few] { $asked } zapytania
       *[many] { $asked } zapytań
    } i wypisał { $printed ->
        [one] { $printed } linię
        [few] { $printed } linie
       *[many] { $printed } linii
    } pomiaru
lab05-two-lines-then-best = dwie linie `server time ...`, potem `best offset <ms> ms (rtt <ms> ms)`

lab05-exit-after-two = powinien zakończyć się po swoich dwóch zapytaniach

# client-udp-gives-up
lab05-answers-none = sprawdzarka nie odpowiada na żaden datagram
lab05-never-gives-up = klient ciągle pyta: nigdy się nie poddaje
lab05-3-or-4-then-error = 3 zapytania (albo 4), potem błąd
lab05-still-running =
    { $asked ->
        [one] { $asked } zapytanie
        [few] { $asked } zapytania
       *[many] { $asked } zapytań
    }, a klient nadal działa
lab05-gave-up-after =
    klient poddał się po { $asked ->
        [one] { $asked } zapytaniu
       *[other] { $asked } zapytaniach
    }
lab05-3-or-4-apart = 3 zapytania (albo 4), co { $retry } ms (--retry-ms { $retry }), potem błąd
lab05-give-up-after-last = powinien się poddać po ostatniej próbie

# Wskazówki do konkretnych błędów (checker/src/labs/lab05/mod.rs, PRINTED)
hint-offset-sign = przesunięcie ma dobrą wartość, ale zły znak: mówi, o ile zegar serwera spieszy się względem twojego, więc jest dodatnie, gdy serwer jest do przodu
    .level-2 = spójrz na odejmowanie, w którym klient liczy przesunięcie z czasu serwera, czasu obiegu i czasu lokalnego nadejścia odpowiedzi
    .level-3 = przesunięcie = czas serwera + rtt/2 - czas lokalny nadejścia odpowiedzi (nie czas lokalny - czas serwera)
hint-offset-half-rtt = przesunięcie różni się o połowę czasu obiegu: serwer odczytał zegar, gdy twoje zapytanie było w drodze, zanim odpowiedź wróciła
    .level-2 = w oszacowaniu Cristiana czas serwera odpowiada środkowi obiegu: dodaj połowę rtt zmierzonego przez klienta
    .level-3 = przesunięcie = czas serwera + rtt/2 - czas lokalny nadejścia odpowiedzi
hint-offset-wrong = przesunięcie nie pasuje do czasów, które widziała sprawdzarka: sprawdź, względem którego czasu lokalnego jest liczone, i w jakich jednostkach
    .level-2 = czas lokalny odczytuje się, gdy odpowiedź już nadeszła (po recv() albo read_line()), czas serwera bierze się z odpowiedzi, oba w milisekundach
    .level-3 = przesunięcie = czas serwera + rtt/2 - czas lokalny nadejścia odpowiedzi, w ms, wypisane tak, jak pokazuje instrukcja
hint-rtt-wrong = wypisany czas obiegu nie jest tym, ile trwało zapytanie: spójrz, gdzie klient odczytuje zegar
    .level-2 = zapisz Instant::now() tuż przed wysłaniem zapytania i odczytaj elapsed(), gdy cała odpowiedź nadeszła: nie wcześniej i nie po wypisaniu
    .level-3 = let start = Instant::now(); wyślij zapytanie; odczytaj odpowiedź; let rtt = start.elapsed(); wypisz rtt.as_secs_f64() * 1000.0

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
lab05-answered-late = maszyna była zbyt zajęta, by sprawdzarka odpowiedziała klientowi na czas (odpowiedziała { $late } ms po tym, jak klient zapytał ponownie); ten test nie jest oceniany, oceń ponownie, gdy maszyna będzie mniej zajęta
lab05-too-busy-to-judge = maszyna była zbyt zajęta, by sprawdzarka odróżniła klienta, który zapytał ponownie za późno, od klienta, któremu nie dano działać; ten test nie jest oceniany, oceń ponownie, gdy maszyna będzie mniej zajęta
