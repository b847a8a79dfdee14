# Lab 00 (echo and ports) in Polish: one message per test of
# checker/src/labs/lab00.rs, named as the test, with what it checks
# (.checks) and where to look when it fails (.hint).

short-message =
    .checks = krótka wiadomość wraca echem od razu, zanim klient skończy wysyłać
    .hint = odsyłaj każdy kawałek, gdy tylko read() go zwróci; nie czekaj na koniec strumienia
large-binary =
    .checks = 1 MiB losowych bajtów (wszystkie wartości bajtów) wraca echem bajt w bajt, potem serwer zamyka połączenie
    .hint = pętla: read() do bufora, write_all() dokładnie przeczytanych bajtów (&buf[..n]); zakończ, gdy read() zwróci 0
many-small-pieces =
    .checks = wiadomość wysłana w 20 małych kawałkach z przerwami wraca echem w całości
    .hint = jedno read() zwraca tyle, ile już dotarło; czytaj dalej, aż zwróci 0
close-after-half-close =
    .checks = gdy klient zamknie swoją stronę wysyłania, serwer odsyła resztę i zamyka połączenie
    .hint = read() zwracające 0 znaczy, że klient skończył wysyłać: wyjdź z pętli, żeby strumień został zamknięty
several-clients =
    .checks = trzej klienci jeden po drugim dostają każdy swoje echo
    .hint = accept() w pętli; zakończony klient nie może zatrzymać serwera
port-in-use =
    .checks = na zajętym porcie serwer kończy się niezerowym kodem z komunikatem, który podaje port, bez paniki
    .hint = zwróć błąd bind() przez `?` zamiast unwrap(): main.rs go wyjaśni
restart-same-port =
    .checks = serwer może znów nasłuchiwać na tym samym porcie zaraz po zakończeniu połączenia (TIME_WAIT)
    .hint = ustaw SO_REUSEADDR (socket.set_reuse_address(true)) przed bind()
ipv6 =
    .checks = `--host ::1` nasłuchuje na pętli zwrotnej IPv6 i odsyła echo
    .hint = utwórz gniazdo w domenie adresu: Domain::for_address(addr)
privileged-port =
    .checks = port poniżej 1024 bez uprawnień: niezerowy kod wyjścia i komunikat z przyczyną, bez paniki (pomijany jako root)
    .hint = zwróć błąd bind() zamiast unwrap(): main.rs wyjaśni „permission denied”
server-host =
    .checks = z `--host 127.0.0.1` serwer nasłuchuje tam i nigdzie indziej: linia gotowości pokazuje 127.0.0.1, a inny adres pętli zwrotnej (127.x.y.z) odmawia połączenia
    .hint = zrób bind() na adres podany w --host, nie na 0.0.0.0, i wypisz adres, na którym nasłuchujesz
client-echo =
    .checks = klient wysyła wiadomość, zamyka stronę wysyłania, wypisuje całe echo i kończy się kodem 0
    .hint = po write_all() wywołaj stream.shutdown(Shutdown::Write), potem read_to_end()
client-refused =
    .checks = klient, który nie znajdzie serwera, kończy się niezerowym kodem z komunikatem o odmowie połączenia, a nie paniką
    .hint = zwróć błąd connect() przez `?` zamiast unwrap(): main.rs go wypisze
