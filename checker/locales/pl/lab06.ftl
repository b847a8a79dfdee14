# Lab 06 (the chat with one thread and an event loop) in Polish: the tests
# and rules of checker/src/labs/lab06.rs that are this lab's own, and its
# own hints for lab 03's tests (lab06.rs's HINTS). Lab 03's tests and
# rules, which lab 06 shares, are in lab03.ftl: i18n.rs looks for a
# message's attribute here first, then there (PL_SHARED).

lab06-title = czat w jednym wątku z pętlą zdarzeń

idle-sleeps =
    .checks = gdy dwóch użytkowników dołączyło i wiadomość doszła, wszystkie wątki serwera wkrótce śpią; potem, w ciągu pół sekundy, jego wątki śpiące w pollerze budzą się najwyżej 10 razy, a pozostałe najwyżej 50 (żadnej pętli aktywnego czekania ani poll() z krótkim limitem czasu)
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
lab06-busy-loop = serwer pracował, choć nie miał nic do zrobienia: któryś jego wątek przez 3 s ani razu nie spał (pętla aktywnego czekania: czy połączenie jest zarejestrowane do WRITABLE, choć nie ma nic do wysłania, albo czy jakiś wątek kręci się na try_recv() lub fladze, zamiast się blokować?)
lab06-woke-idle = nie mając nic do roboty, serwer obudził się { $woke } razy w ciągu { $ms } ms (czy poll() ma krótki limit czasu?)
lab06-idle-wakes = najwyżej { $most } przebudzeń: sen w poll(), dopóki coś się nie wydarzy
lab06-others-woke = nie mając nic do roboty, wątki serwera poza pollerem obudziły się { $woke } razy w ciągu { $ms } ms: wątek, który sam budzi się tak często (sleep() w pętli, krótki zegar), zajmuje procesor na darmo
lab06-others-wakes = najwyżej { $most } przebudzeń wątków poza pollerem
lab06-slow-waits = slow nic nie czyta, gdy ala wysyła linie po { $bytes } bajtów, aż gniazdo serwera do slow nie przyjmie nic więcej
lab06-not-resumed = serwer śpi, choć ma dla slow linie, których nie wysłał, a slow przeczytał wszystko, co dostał, i w gnieździe jest miejsce: zapis, który gniazdo przyjęło tylko w części, musi iść dalej, gdy tylko jest miejsce (zainteresowanie WRITABLE, gdy czeka wyjście)
lab06-slow-reads = ala wysłała { $lines } linii; slow czyta je teraz
lab06-threads-grew = serwer miał { $before } wątków przy 2 użytkownikach i { $after } przy 22: wątek na użytkownika?

# Lab 06's hints for lab 03's tests (HINTS in lab06.rs). Where a level is
# lab 03's, word for word, its Polish is lab03.ftl's.

join-welcome =
    .hint-2 = join() wstawia WELCOME i ogłoszenie dołączenia przez send_to() i broadcast(): nikt nie dołącza, dopóki read_from() nie przekaże każdej całej linii do handle_line(), i nic nie wychodzi, dopóki flush() nie zapisze wyjścia połączenia
    .hint-3 = w read_from() wołaj read() aż do WouldBlock, wkładaj to, co przyszło, do connection.input (Lines::push) i wołaj handle_line() dla każdej całej linii; w flush() zapisuj write() od output[sent..], aż wyjdzie wszystko albo przyjdzie WouldBlock; run() woła read_from() przy zdarzeniu gotowości do czytania i flush_all(), zanim znów zawoła poll()
broadcast =
    .hint-2 = broadcast() wstawia linię do wyjścia każdego użytkownika (queue() zapisuje każdego w to_flush) i pokazuje ją na konsoli: sprawdź, czy wyjście każdego z nich jest wysyłane, a nie tylko nadawcy
    .hint-3 = po zdarzeniach jednej rundy run() woła flush_all(), które wysyła wyjście każdego połączenia, które queue() zapisało w to_flush; flush() zapisuje wyjście każdego z nich, aż będzie puste albo gniazdo odpowie WouldBlock
one-order =
    .hint-2 = pętla obsługuje po jednej linii i w tej kolejności wstawia ją wszystkim: sprawdź flush(), które ma wysyłać od miejsca, w którym stanął ostatni zapis (output[sent..]), i każde write() z pominięciem bufora wyjściowego
    .hint-3 = dopisuj każdą linię na koniec wyjścia połączenia (queue()) i wysyłaj tylko od output[sent..]: nigdy nie rób write() nowej linii prosto do gniazda, gdy czekają na nie starsze
console-says =
    .hint-2 = console::read_stdin() wysyła każdą wpisaną linię kanałem i budzi pętlę swoim `Waker`, co daje zdarzenie z tokenem `CONSOLE`: sprawdź, co run() robi z tym zdarzeniem
    .hint-3 = w dopasowaniu run() do event.token(): `CONSOLE` => self.console_commands(); ta funkcja odbiera każdą czekającą linię przez try_recv() i rozsyła zwykłą linię jako admin
join-leave-announced =
    .hint-2 = /quit sprawia, że handle_line() woła end(), które usuwa użytkownika, ogłasza jego wyjście i wstawia połączenie do to_close; close_ended() je zamyka, a read_from() nie może obsłużyć już żadnej jego linii
    .hint-3 = kończ każdą rundę run() wywołaniami self.flush_all(); self.cut_off_stalled(); self.close_ended(); w read_from() przestań obsługiwać linie, gdy połączenia już nie ma albo is_ending(token)
kick =
    .hint-2 = kick() usuwa użytkownika, wstawia mu powiadomienie, oznacza połączenie jako `closing` i rozsyła wiadomość o wyrzuceniu; flush() ma zamknąć takie połączenie, gdy całe jego wyjście już wyszło
    .hint-3 = w flush(), gdy całe wyjście wyszło i ustawione jest connection.closing, wstaw (token, End::Kicked) do to_close: close_ended() je zamknie, a End::Kicked nie ogłasza wyjścia; powód trafia do obu linii (says::you_were_kicked, says::was_kicked)
kick-unknown =
    .hint-2 = kick() ma pokazać `* no user named <nick>` przez self.console.show(), nic nie wstawiając użytkownikom, gdy `members` nie ma takiego nick_key()
    .hint-3 = w kick(), gdy self.members.remove(&nick_key(nick)) zwraca `None`, pokaż `* no user named <nick>` na konsoli i wróć, zanim cokolwiek zostanie wstawione użytkownikom
kick-any-case =
    .hint-2 = kick() szuka użytkownika w `members` po nick_key(nick), kluczu, pod którym wstawiło go join(), a nie po nicku tak, jak go wpisano
    .hint-3 = self.members.remove(&nick_key(nick)): kluczami mapy są nick_key(); ogłoś wyrzucenie z własnym nickiem użytkownika (connection.nick)
user-cannot-kick =
    .hint-2 = handle_line(): na UserCommand::Kick odpowiada się tylko temu użytkownikowi przez send_to(); nigdy nie trafia do kick(), które jest dla konsoli (console_commands())
    .hint-3 = UserCommand::Kick => self.send_to(token, says::ONLY_ADMIN_KICKS)
duplicate-nick =
    .hint-2 = join() dostaje od handle_line() nick bez spacji wokół i szuka jego nick_key() (małe litery, w każdym alfabecie) w `members`; odrzucone połączenie zostaje, niedołączone, a jego następna linia znów jest nickiem
    .hint-3 = porównuj nicki przez nick_key() (to_lowercase, nie to_ascii_lowercase: Ł to nie ASCII): jeśli `members` ma ten klucz, send_to(token, says::NICK_TAKEN) i zostaw connection.nick jako `None`
nick-race =
    .hint-2 = pętla obsługuje po jednej linii, więc join() widzi nicki jeden po drugim: sprawdź, czy każde połączenie i każda linia są w ogóle obsłużone (zdarzenia są zgłaszane zboczem)
    .hint-3 = accept() aż do WouldBlock (accept_all()) i read() aż do WouldBlock (read_from()), bo o tym, co zostało, nikt już nie powie; wtedy join() przyjmie pierwszego, a pozostałym odpowie `ERROR nick taken`
reserved-nick =
    .hint-2 = join() ma wołać check_nick(), które odrzuca RESERVED_NICKS porównane przez nick_key(), na nicku bez spacji wokół (handle_line() przekazuje text.trim())
    .hint-3 = najpierw usuń spacje wokół nicka, potem odrzuć `admin` i `server` bez względu na wielkość liter: check_nick(nick), zanim zajrzysz do `members`, a na jego Err(NickError::Taken) odpowiedz says::NICK_TAKEN
invalid-nick =
    .hint-2 = join() ma najpierw wołać check_nick(): każdy znak musi przejść char::is_alphanumeric() albo być _ lub -, a długość liczy się w znakach
    .hint-3 = od 1 do 16 znaków, każdy char::is_alphanumeric() albo _ lub -; inaczej Err(NickError::Invalid), na który odpowiada się send_to(token, says::INVALID_NICK), zanim zajrzy się do `members`
nick-spaces =
    .hint-2 = handle_line() przekazuje do join() text.trim(): sprawdź, czy linia z nickiem dochodzi tam taka, jaką dały `Lines`
    .hint-3 = join(token, text.trim()): spacje znikają, zanim nick zostanie sprawdzony i zapisany
list =
    .hint-2 = handle_line(): na UserCommand::List odpowiada się przez send_to() temu tokenowi, który pytał, a nie przez broadcast()
    .hint-3 = UserCommand::List => self.send_to(token, &says::users(&self.nicks())): nicks() daje nicki wszystkich użytkowników, posortowane
unknown-command =
    .hint-2 = parse_user_line(): pierwsze słowo zaczynające się od /, które nie jest /list, /quit ani /kick, to UserCommand::Unknown; handle_line() odpowiada na nie nadawcy
    .hint-3 = UserCommand::Unknown => self.send_to(token, says::UNKNOWN_COMMAND): send_to(), a nie broadcast(), więc nic nie jest przekazywane dalej
empty-line =
    .hint-2 = parse_user_line(): najpierw sanitize(), potem linia, w której nie zostało żadne słowo (split_whitespace), to UserCommand::Empty, które handle_line() pomija
    .hint-3 = UserCommand::Empty => ani broadcast(), ani send_to(); samo `\r\n` to też pusta linia (`Lines` usuwają `\r`)
console-list =
    .hint-2 = console_commands(): ConsoleCommand::List pokazuje się przez self.console.show(), które przekazuje linię drukarce konsoli; użytkownikom nie wstawia się nic
    .hint-3 = ConsoleCommand::List => self.console.show(&says::users(&self.nicks())), a nie broadcast(); run() woła console_commands() przy zdarzeniu `CONSOLE`
console-unknown-command =
    .hint-2 = parse_console_line(): każde inne /słowo to ConsoleCommand::Unknown; console_commands() pokazuje je przez self.console.show() i nic nie rozsyła
    .hint-3 = ConsoleCommand::Unknown(command) => pokaż `* unknown command <command>` przez self.console.show(), nigdy przez broadcast()
many-users =
    .hint-2 = jedno zdarzenie gniazda nasłuchującego może oznaczać wiele połączeń (zdarzenia są zgłaszane zboczem): sprawdź, czy run() woła accept_all() przy zdarzeniu `LISTENER` i czy coś w pętli czeka na jedno połączenie
    .hint-3 = `LISTENER` => self.accept_all(): przyjmuje aż do WouldBlock i rejestruje każde połączenie pod jego własnym `Token` z Interest::READABLE; żadne wywołanie w pętli nie może się blokować (każde gniazdo jest nieblokujące)
abrupt-disconnect =
    .hint-2 = read_from(): read(), które daje 0 (koniec strumienia) albo błąd, też kończy połączenie, a run() ma wołać read_from() także przy zdarzeniach is_read_closed() i is_error(), nie tylko gotowości do czytania
    .hint-3 = w read_from(), przy Ok(0) obsłuż to, co daje Lines::end(), potem self.end(token, End::Left); przy błędzie innym niż WouldBlock i Interrupted też je zakończ; end() ogłasza wyjście raz (is_ending())
come-and-go =
    .hint-2 = gniazdo zamyka się, gdy jego `Connection` zostanie porzucone: close_ended() usuwa je z self.connections i wyrejestrowuje; szukaj połączenia, które się skończyło, ale nigdy nie trafiło do to_close
    .hint-3 = kończ każde połączenie przez end() (także takie, które zamyka się przed nickiem: Ok(0) w read_from()) i wołaj self.close_ended() na końcu każdej rundy run()
fragments-and-coalesced =
    .hint-2 = read_from(): to, co daje jedno read(), nie jest linią; wkładaj to do wejścia połączenia (Lines::push), które trzyma początek linii, aż przyjdzie jej `\n`, i daje każdą całą linię
    .hint-3 = jedne `Lines` na połączenie (connection.input), nigdy nowe przy każdym odczycie: read() aż do WouldBlock, każdy kawałek do push(), i handle_line() dla każdej linii, którą dało push(), kilku albo żadnej
long-line =
    .hint = zbyt długiej linii nie wolno wczytać w całości ani zrobić z niej dwóch wiadomości: sprawdź, jak serwer tnie na linie to, co odczytał
    .hint-2 = read_from() ma zostawić cięcie bajtów na linie `Lines`: liczą bajty linii, gdy przychodzą, a po przekroczeniu MAX_LINE dają raz Line::TooLong i porzucają resztę tej linii, na co odpowiada handle_line()
    .hint-3 = wkładaj każdy odczytany kawałek do connection.input (Lines::push) i obsługuj linie, które dają; nie tnij linii sam i nie zbieraj całej linii w String
invalid-utf8 =
    .hint-2 = sprawdź, co zamienia odczytane bajty na tekst: String::from_utf8() (albo str::from_utf8) zwraca błąd na bajtach, które nie są UTF-8; `Lines` robią każdą linię przez String::from_utf8_lossy
    .hint-3 = read() do bufora bajtów, a linie niech robi Lines::push: złe bajty stają się U+FFFD i nic nie kończy połączenia
escapes-stripped =
    .hint-2 = handle_line() rozsyła to, co daje parse_user_line(): UserCommand::Say niesie tekst oczyszczony przez sanitize(); linia rozesłana inaczej zachowuje znaki sterujące
    .hint-3 = broadcast(&says::message(&nick, &text)) z tekstem z UserCommand::Say, nigdy z surową linią; sanitize() usuwa każdy znak, dla którego char::is_control() jest prawdą
slow-reader =
    .hint-2 = spójrz, gdzie linia jest zapisywana do gniazda użytkownika: zapis, który czeka na miejsce (gniazdo blokujące, write_all(), pętla ponawiająca zapis po WouldBlock), zatrzymuje pętlę zdarzeń, a z nią wszystkich użytkowników
    .hint-3 = każde gniazdo nieblokujące (gniazda mio takie są): flush() zapisuje output[sent..] aż do WouldBlock, resztę trzyma w wyjściu połączenia i prosi o zainteresowanie `WRITABLE`; następne zdarzenie `WRITABLE` wysyła dalej
slow-reader-dropped =
    .hint-2 = użytkownik, którego gniazdo nic nie przyjmuje, zostaje odcięty po WRITE_STALL: spójrz na stalled_since w flush() i na limit czasu poll() w run() (next_stall_deadline()), który budzi pętlę, gdy mija pierwszy termin
    .hint-3 = w flush() ustaw stalled_since, gdy wyjście czeka, a gniazdo nie przyjęło nic nowego (`None`, gdy wyszło wszystko); w run() wołaj poll() z limitem czasu z next_stall_deadline() i w każdej rundzie cut_off_stalled()
half-line =
    .hint-2 = spójrz na read_from(): odczyt, który kończy się bez `\n`, zostawia początek linii; czekanie tam na resztę (blokujący odczyt, pętla aż do `\n`) wstrzymuje wszystkich użytkowników
    .hint-3 = read() aż do WouldBlock, początek linii zostaw w connection.input (`Lines` go trzymają) i obsługuj tylko całe linie; wróć do poll(), a reszta dokończy linię, gdy przyjdzie
kick-not-reading =
    .hint-2 = wyjście wyrzuconego użytkownika, który nic nie czyta, nigdy nie wychodzi w całości, więc flush() nigdy go nie zamyka: sprawdź, czy połączenie oznaczone `closing`, które stoi, jest odcinane po WRITE_STALL
    .hint-3 = w flush() zachowaj stalled_since, dopóki gniazdo nic nie przyjmuje, i wołaj poll() z limitem czasu z next_stall_deadline(): cut_off_stalled() zakończy wtedy wyrzuconego użytkownika (End::Kicked), choć jego wyjście czeka
kick-rejoin =
    .hint-2 = `members` wiąże nick_key() z `Token`: gdy stare połączenie się kończy, end() ma usunąć tylko jego własnego użytkownika, a kick() zabrało już jego nick
    .hint-3 = kick() zabiera nick wyrzuconemu połączeniu (connection.nick.take()), więc end() na nim później nie znajduje nicka i nikogo nie usuwa ani nie ogłasza; nigdy nie usuwaj użytkownika po samym nicku, gdy kończy się połączenie
console-not-read =
    .hint-2 = pętla nigdy nie może czekać na konsolę: console.show() przekazuje linię drukarce konsoli przez try_send() i liczy ją jako pominiętą, gdy drukarka nie nadąża; szukaj println! w pętli
    .hint-3 = pokazuj linie na konsoli tylko przez self.console.show(); nigdy println! w pętli: gdy nikt nie czyta stdout, ten zapis się blokuje i czekają wszyscy użytkownicy

hint-messages-lost =
    .level-2 = spójrz, co dzieje się z wyjściem, którego gniazdo nie przyjęło od razu: write(), które przyjęło tylko część, albo WouldBlock muszą zostawić resztę w wyjściu połączenia, a queue() dopisuje za nią
    .level-3 = w flush() dodawaj do `sent` to, co przyjęło write(), zatrzymaj się na WouldBlock i zostaw output[sent..] na następne zdarzenie `WRITABLE`; linie przepadają tylko użytkownikowi, którego się odcina (pełne OUTBOX_BYTES albo minęło WRITE_STALL), nigdy takiemu, który jest tylko trochę w tyle
hint-kicked-still-open =
    .level-2 = wyjście wyrzuconego użytkownika, który nic nie czyta, nigdy nie wychodzi w całości, więc flush() nigdy go nie zamyka: sprawdź, czy połączenie oznaczone `closing`, które stoi, jest odcinane po WRITE_STALL
    .level-3 = w flush() zachowaj stalled_since, dopóki gniazdo nic nie przyjmuje, i wołaj poll() z limitem czasu z next_stall_deadline(): cut_off_stalled() zakończy wtedy wyrzuconego użytkownika (End::Kicked), choć jego wyjście czeka
hint-kicked-not-closed =
    .level-2 = kick() oznacza połączenie jako `closing`; kończy je flush(): sprawdź, co flush() robi, gdy całe wyjście wyszło, a connection.closing jest ustawione
    .level-3 = w flush(), gdy sent == output.len() i connection.closing, wstaw (token, End::Kicked) do self.to_close; close_ended(), które run() woła w każdej rundzie, zamknie wtedy gniazdo (shutdown) i je porzuci
hint-console-blocks =
    .level-2 = spójrz, jak linia trafia na konsolę: broadcast() woła console.show() dla każdej linii; zapis do stdout w tym miejscu albo send(), które czeka na miejsce w kolejce drukarki, czeka na czytelnika, a z nim cała pętla
    .level-3 = w Console::show() użyj try_send(): gdy zwraca TrySendError::Full, dolicz linię do `missed` i idź dalej; nigdy nie pisz do stdout z pętli

# Wskazówki do konkretnych błędów (checker/src/labs/lab06.rs)
hint-thread-wakes-itself = pętla śpi, ale inny wątek serwera budzi się raz za razem, choć nie ma nic do zrobienia
    .level-2 = spójrz na wątki obok pętli (czytający konsolę i drukujący): każdy powinien się blokować, dopóki nie ma pracy, w read() albo w recv() kanału, a nie zaglądać co kilka milisekund
    .level-3 = czekaj na kanale przez recv() (albo iteruj po nim), nie przez try_recv() i sleep(); wątek, który ma obudzić pętlę, używa mio::Waker
