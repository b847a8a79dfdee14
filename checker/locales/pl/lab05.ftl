# Lab 05 (UTC time over TCP and UDP) in Polish: one message per test of
# checker/src/labs/lab05.rs, named as the test, with what it checks
# (.checks) and where to look when it fails (.hint).

time-format =
    .checks = na `TIME` serwer odpowiada w RFC 3339 w UTC, z milisekundami i `Z`: `2026-11-24T06:31:52.123Z`
    .hint = Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
time-is-utc =
    .checks = czas różni się najwyżej o 2 s od zegara UTC sprawdzarki, choć serwer działa z TZ=<+0530>-5:30
    .hint = odczytuj zegar w UTC (chrono::Utc), a nie czas lokalny (chrono::Local)
time-is-now =
    .checks = odpowiedzi na żądania w odstępie 300 ms różnią się o 300 ms, ich milisekundy się zmieniają, a każda mieści się w 10 ms od zegara sprawdzarki z czasu oczekiwania na nią: zegar jest odczytywany przy każdym żądaniu, z dokładnością do milisekundy
    .hint = wołaj Utc::now(), gdy przychodzi żądanie, a nie raz przy starcie serwera ani czasu zapamiętanego dla kolejnych żądań, i wypisuj jego własne milisekundy (SecondsFormat::Millis), a nie stałe .000
case-insensitive =
    .checks = na `time` i `Time` serwer odpowiada tak jak na `TIME`
    .hint = porównuj przez str::eq_ignore_ascii_case
unknown-command =
    .checks = na cokolwiek innego serwer odpowiada `ERROR unknown command`, a połączenie zostaje otwarte
    .hint = odpowiedz błędem i czytaj dalsze żądania
quit =
    .checks = `QUIT` sprawia, że serwer zamyka połączenie
    .hint = na QUIT wyjdź z pętli żądań, żeby strumień został zwolniony (zamknięty)
many-requests =
    .checks = 100 żądań w jednym zapisie na jednym połączeniu dostaje 100 odpowiedzi, w kolejności
    .hint = obsługuj linie żądań w pętli na tym samym połączeniu; BufReader zachowuje to, co jest po znaku nowej linii
crlf-and-fragments =
    .checks = `TIME\r\n` liczy się jako TIME, tak samo jak żądanie, które przychodzi w kawałkach (`TI`, `ME\n`)
    .hint = czytaj całe linie (BufReader::read_line) i usuń jedno końcowe \r
many-connections =
    .checks = 100 połączeń otwartych naraz dostaje odpowiedzi
    .hint = wątek na połączenie: accept() nie może czekać, aż jeden klient skończy
idle-connection =
    .checks = gdy jeden klient milczy, a drugi wysłał pół żądania, pozostali dostają odpowiedzi, a potem także ci dwaj
    .hint = nigdy nie czytaj gniazda jednego klienta w wątku, który przyjmuje albo obsługuje pozostałych
udp-time =
    .checks = z --udp datagram `TIME` na ten sam numer portu dostaje datagram z czasem
    .hint = zrób bind() gniazda UdpSocket na lokalny adres gniazda nasłuchującego i odpowiadaj przez send_to(reply, peer)
udp-error =
    .checks = datagram, który nie jest TIME, dostaje `ERROR unknown command`
    .hint = odpowiadaj na każdy niepusty datagram
udp-garbage =
    .checks = pusty datagram, 2000 bajtów śmieci i niepoprawny UTF-8 niczego nie zabijają: po nich TIME nadal dostaje odpowiedź
    .hint = na zły datagram odpowiedz błędem albo go pomiń; nigdy nie wychodź z pętli ani nie rób na nim unwrap
server-host =
    .checks = z `--host 127.0.0.1` serwer nasłuchuje tam i nigdzie indziej: linia gotowości pokazuje 127.0.0.1, a inny adres pętli zwrotnej (127.x.y.z) odmawia połączenia
    .hint = zrób bind() na adres podany w --host, nie na 0.0.0.0, i wypisz adres, na którym nasłuchujesz
client-tcp =
    .checks = klient wypisuje czas serwera, czas podróży w obie strony (rtt) i przesunięcie (czas serwera + rtt/2 - czas lokalny), trzy razy, oraz najlepsze przesunięcie: to z najkrótszego czasu podróży
    .hint = przesunięcie = czas serwera + rtt/2 - czas lokalny w chwili nadejścia odpowiedzi; wypisz linię dokładnie tak, jak pokazuje instrukcja; najlepsza jest próbka o najmniejszym rtt
client-quits =
    .checks = po ostatniej odpowiedzi przez TCP klient mówi `QUIT` i zamyka połączenie
    .hint = wyślij QUIT\n po odpowiedzi na ostatnie żądanie, zanim połączenie zostanie zamknięte
client-udp =
    .checks = z --udp klient pyta datagramem i wypisuje taką samą linię
    .hint = UdpSocket::bind na port 0, connect() do serwera, send(), recv()
client-udp-retry =
    .checks = gdy pierwsze żądanie UDP zginie, klient mówi o tym na stderr, pyta ponownie i wypisuje czas
    .hint = set_read_timeout() na gnieździe UDP, a po przekroczeniu czasu wyślij żądanie jeszcze raz
client-refused =
    .checks = gdy żaden serwer nie nasłuchuje, klient mówi `connection refused` i kończy się niezerowym kodem bez paniki
    .hint = dopasuj rodzaj io::Error (kind()) zamiast unwrap()
