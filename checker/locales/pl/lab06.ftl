# Lab 06 (the chat with one thread and an event loop) in Polish: the tests
# and rules of checker/src/labs/lab06.rs that are this lab's own. Lab 03's
# tests and rules, which lab 06 shares, are in lab03.ftl (i18n.rs reads
# both for lab 06).

lab06-title = czat w jednym wątku z pętlą zdarzeń

idle-sleeps =
    .checks = gdy dwóch użytkowników dołączyło i wiadomość doszła, wszystkie wątki serwera wkrótce śpią, a potem budzą się najwyżej 10 razy w ciągu pół sekundy (żadnej pętli aktywnego czekania ani poll() z krótkim limitem czasu)
    .hint = serwer, który nie ma nic do roboty, powinien spać w poll(): co budzi twoją pętlę raz za razem, gdy nikt nic nie mówi?
    .hint-2 = sprawdź, z jakim Interest jest zarejestrowane każde połączenie: WRITABLE jest gotowe zawsze, gdy w gnieździe jest miejsce, czyli prawie zawsze
    .hint-3 = rejestruj WRITABLE tylko wtedy, gdy na połączeniu czeka wyjście (reregister w flush()), i wracaj do samego READABLE, gdy wszystko wyszło
partial-writes =
    .checks = użytkownik z buforem odbiorczym 4 KiB, który nic nie czyta, aż gniazdo serwera do niego się zapełni (pokazuje to tablica jądra), a potem czyta, dostaje każdą linię, całą i po kolei
    .hint = nieblokujące write() może przyjąć tylko część tego, co mu dajesz: co się dzieje z resztą?
    .hint-2 = w flush() write() zwraca, ile bajtów przyjęło, albo WouldBlock, gdy nie przyjęło nic: w obu przypadkach wyjście dalej czeka
    .hint-3 = to, czego write() nie przyjęło, trzymaj w buforze wyjściowym połączenia razem z tym, ile już wysłano; przy następnym zdarzeniu WRITABLE wysyłaj od tego miejsca
one-loop =
    .checks = serwer ma przy 22 użytkownikach tyle samo wątków co przy 2
    .hint = pętla zdarzeń jest po to, żeby jeden wątek obsługiwał wszystkie połączenia
    .hint-2 = sprawdź, co twoja pętla accept robi z każdym nowym połączeniem: ma je zarejestrować w Poll, a nie uruchamiać dla niego wątek
    .hint-3 = żadnego wątku na połączenie: zarejestruj każde przyjęte połączenie w Poll pod jego własnym Token i obsługuj je w pętli

rule-06-sleeps-when-idle =
    .says = Serwer, który nie ma nic do czytania ani do wysłania, śpi w pollerze: prosi o wiadomość o miejscu do pisania tylko wtedy, gdy czeka wyjście.
rule-06-partial-writes =
    .says = Linia, którą gniazdo przyjęło tylko w części, jest wysyłana dalej od miejsca, w którym stanęła, gdy tylko jest miejsce: użytkownik, który czyta powoli, dostaje każdą linię całą i po kolei.
rule-06-one-loop =
    .says = Jeden wątek obsługuje wszystkie połączenia: liczba wątków serwera nie rośnie z liczbą użytkowników (wątek dla konsoli jest dozwolony).

lab06-idle-now = nikt nic teraz nie mówi: serwer powinien zasnąć
lab06-busy-loop = serwer pracował, choć nie miał nic do zrobienia: któryś jego wątek przez 3 s ani razu nie spał (pętla aktywnego czekania: czy połączenie jest zarejestrowane do WRITABLE, choć nie ma nic do wysłania?)
lab06-woke-idle = nie mając nic do roboty, serwer obudził się { $woke } razy w ciągu { $ms } ms (czy poll() ma krótki limit czasu?)
lab06-idle-wakes = najwyżej { $most } przebudzeń: sen w poll(), dopóki coś się nie wydarzy
lab06-slow-waits = slow nic nie czyta, gdy ala wysyła linie po { $bytes } bajtów, aż gniazdo serwera do slow nie przyjmie nic więcej
lab06-not-resumed = serwer śpi, choć ma dla slow linie, których nie wysłał, a slow przeczytał wszystko, co dostał, i w gnieździe jest miejsce: zapis, który gniazdo przyjęło tylko w części, musi iść dalej, gdy tylko jest miejsce (zainteresowanie WRITABLE, gdy czeka wyjście)
lab06-slow-reads = ala wysłała { $lines } linii; slow czyta je teraz
lab06-threads-grew = serwer miał { $before } wątków przy 2 użytkownikach i { $after } przy 22: wątek na użytkownika?
