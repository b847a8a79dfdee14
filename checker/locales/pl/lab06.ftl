# Lab 06 (the chat with one thread and an event loop) in Polish: the tests
# and rules of checker/src/labs/lab06.rs that are this lab's own. Lab 03's
# tests and rules, which lab 06 shares, are in lab03.ftl (i18n.rs reads
# both for lab 06).

idle-sleeps =
    .checks = gdy dwóch użytkowników dołączyło i wiadomość doszła, wszystkie wątki serwera wkrótce śpią (żadnej pętli aktywnego czekania)
    .hint = rejestruj zainteresowanie WRITABLE tylko wtedy, gdy na połączeniu czeka coś do wysłania, i wracaj do samego READABLE, gdy wszystko wyszło: ponowna rejestracja do pisania od razu znowu budzi poller
partial-writes =
    .checks = użytkownik z buforem odbiorczym 4 KiB, który zaczyna czytać dopiero po wysłaniu na czat 200 KB, dostaje każdą linię, całą i po kolei
    .hint = to, czego send() nie przyjęło, trzymaj w buforze wyjściowym połączenia razem z tym, ile już wysłano; przy następnym zdarzeniu „można pisać” wysyłaj od tego miejsca
one-loop =
    .checks = serwer ma przy 22 użytkownikach tyle samo wątków co przy 2
    .hint = żadnego wątku na połączenie: pętla zdarzeń obsługuje wszystkie

rule-06-sleeps-when-idle =
    .says = Serwer, który nie ma nic do czytania ani do wysłania, śpi w pollerze: prosi o wiadomość o miejscu do pisania tylko wtedy, gdy czeka wyjście.
rule-06-partial-writes =
    .says = Linia, którą gniazdo przyjęło tylko w części, jest wysyłana dalej od miejsca, w którym stanęła, gdy tylko jest miejsce: użytkownik, który czyta powoli, dostaje każdą linię całą i po kolei.
rule-06-one-loop =
    .says = Jeden wątek obsługuje wszystkie połączenia: liczba wątków serwera nie rośnie z liczbą użytkowników (wątek dla konsoli jest dozwolony).

lab06-idle-now = nikt nic teraz nie mówi: serwer powinien zasnąć
lab06-busy-loop = serwer pracował, choć nie miał nic do zrobienia: któryś jego wątek przez 3 s ani razu nie spał (pętla aktywnego czekania: czy połączenie jest zarejestrowane do WRITABLE, choć nie ma nic do wysłania?)
lab06-slow-waits = slow nic nie czyta, gdy ala wysyła { $lines } linii po { $bytes } bajtów
lab06-threads-grew = serwer miał { $before } wątków przy 2 użytkownikach i { $after } przy 22: wątek na użytkownika?
