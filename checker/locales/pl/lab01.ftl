# Lab 01 (hello/time) in Polish: one message per test of
# checker/src/labs/lab01.rs, named as the test, with what it checks
# (.checks) and where to look when it fails (.hint).

hello =
    .checks = na `Hello` serwer odpowiada `Hello from server`
    .hint = przeczytaj całą linię, porównaj ją z "Hello" (wielkość liter ma znaczenie) i wyślij odpowiedź zakończoną "\n"
close-after-hello =
    .checks = po odpowiedzi na `Hello` serwer zamyka połączenie
    .hint = po odpowiedzi na Hello wyjdź z pętli połączenia, żeby strumień został zwolniony (zamknięty)
time =
    .checks = na `Time` serwer odpowiada bieżącym czasem w RFC 3339 z przesunięciem strefy, najwyżej 5 s od zegara sprawdzarki
    .hint = chrono::Local::now().to_rfc3339_opts(SecondsFormat::Secs, false) daje np. 2026-11-24T07:31:52+01:00
time-is-local =
    .checks = przy TZ=<+0530>-5:30 (5 h 30 min na wschód od UTC) odpowiedź ma przesunięcie +05:30, a przy TZ=<-0330>3:30 -03:30: czas lokalny to ten, który podaje TZ
    .hint = chrono::Local::now() uwzględnia TZ; Utc::now() nie
time-is-now =
    .checks = dwa żądania Time w odstępie ponad sekundy dostają czasy różniące się o ponad sekundę (zegar jest odczytywany przy każdym żądaniu)
    .hint = odczytaj zegar, gdy przychodzi żądanie, a nie raz przy starcie serwera
unknown-command =
    .checks = na każdą inną linię serwer odpowiada `Unknown command`, także na linię, która nie jest w UTF-8, i na linię z 1024 bajtów i `Hello` (obciętą, z pominiętą resztą), a połączenie zostaje otwarte
    .hint = w poleceniach wielkość liter ma znaczenie i obcinane jest tylko \r przed \n; tylko Hello zamyka połączenie; bajty, które nie są UTF-8, to nieznane polecenie, a nie błąd (from_utf8_lossy); z linii dłuższej niż 1024 bajty pomiń resztę, zamiast czytać ją jako polecenie
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
    .checks = z `--host 127.0.0.1` serwer nasłuchuje tam i nigdzie indziej: linia gotowości pokazuje 127.0.0.1, a inny adres pętli zwrotnej (127.x.y.z) odmawia połączenia
    .hint = zrób bind() na adres podany w --host, nie na 0.0.0.0, i wypisz adres, na którym nasłuchujesz
client-sends-hello =
    .checks = klient wysyła dokładnie `Hello\n`, wypisuje odpowiedź (która przychodzi w dwóch kawałkach) i nic więcej na stdout, i kończy się kodem 0
    .hint = wyślij wiadomość i "\n"; czytaj aż do znaku nowej linii, a nie tylko jedno recv()
client-message =
    .checks = `client --message Time` wysyła `Time\n`, wypisuje to, co odpowie serwer, i kończy się, choć serwer nie zamyka połączenia
    .hint = wyślij argument --message, wypisz linię odpowiedzi, którą dostałeś, a nie stały tekst, i przestań czytać na jej znaku nowej linii (read_line), a nie na końcu strumienia
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
