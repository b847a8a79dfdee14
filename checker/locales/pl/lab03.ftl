# Lab 03 (chat with an admin console) in Polish: one message per test of
# checker/src/labs/lab03.rs, named as the test, with what it checks
# (.checks) and where to look when it fails (.hint).

lab03-title = czat wieloosobowy z konsolą administratora

join-welcome =
    .checks = na nick serwer odpowiada `WELCOME <nick>`, a potem `* <nick> joined`
    .hint = pierwsza linia nowego użytkownika to jego nick: dostaje `WELCOME <nick>`, a potem wszyscy, on też, dostają `* <nick> joined`
    .hint-2 = Hub::join() sprawdza nick, tworzy skrzynkę użytkownika dla jego gniazda, wysyła przez nią WELCOME i ogłasza dołączenie; handle_client() ma uruchomić wątek piszący, który wysyła to, co skrzynka odłoży do kolejki
    .hint-3 = w join(): check_nick(nick)?; let (outbox, receiver) = outbox(socket, OUTBOX_LINES); włóż says::welcome(nick) przez outbox.push(); dodaj Member pod kluczem nick_key(nick); self.deliver(&users, says::joined(nick)); zwróć Ticket i receiver, które start_writer() przekazuje do write_outbox() we własnym wątku
broadcast =
    .checks = wiadomość od jednego z trzech użytkowników dociera do wszystkich trzech (także nadawcy) jako `<nick>: <text>` oraz na konsolę, ale nie do połączenia, które jeszcze nie dołączyło
    .hint = wiadomość ma dotrzeć do każdego użytkownika, który dołączył, także do nadawcy, i na konsolę, jako `<nick>: <tekst>`, a do nikogo, kto jeszcze nie dołączył
    .hint-2 = read_commands() przekazuje zwykłą linię do Hub::say(), które woła Hub::deliver(): jedna linia wychodząca do skrzynki każdego użytkownika i na konsolę
    .hint-3 = w deliver(): zrób linię raz (outgoing(&line)), włóż jej klon (push) do każdej member.outbox, potem self.console.show(line); połączenie, które nie dołączyło, nie ma wpisu w mapie, więc nic nie dostaje
one-order =
    .checks = trzech użytkowników i konsola wysyłają w tej samej chwili po 30 wiadomości: wszyscy trzej użytkownicy widzą te same 120 linii w tej samej kolejności
    .hint = użytkownicy widzieli linie czatu w różnej kolejności: każda linia ma dotrzeć do wszystkich w jednej, tej samej kolejności
    .hint-2 = spójrz na Hub::deliver() i na to, kto ją woła: linia ma trafić do wszystkich skrzynek, gdy blokada huba jest trzymana, zanim zdąży to zrobić jakakolwiek inna linia
    .hint-3 = wstawiaj każdą linię do każdej skrzynki, trzymając jedną blokadę (deliver() dostaje strażnika blokady od wołającego), żeby żadna inna linia nie weszła pomiędzy; nigdy nie kopiuj skrzynek, żeby wkładać do nich po zwolnieniu blokady
console-says =
    .checks = zwykła linia wpisana na konsoli serwera dociera do wszystkich jako `admin: <text>`; pusta linia i linia spacji nic nie mówią
    .hint = linia wpisana na konsoli serwera ma dotrzeć do wszystkich jako `admin: <tekst>`; pusta linia i linia samych spacji nic nie mówią
    .hint-2 = console::run() czyta stdin serwera we własnym wątku (uruchamia go main.rs) i przekazuje ConsoleCommand::Say do hub.broadcast(): spójrz na broadcast() i deliver()
    .hint-3 = czytaj stdin serwera we własnym wątku i rozsyłaj każdą linię jako admin: hub.broadcast(says::message("admin", &text)), co działa, gdy deliver() wstawia ją do każdej skrzynki
join-leave-announced =
    .checks = `/quit` zamyka połączenie użytkownika, wszyscy pozostali dostają `* <nick> left`, a nick jest znowu wolny
    .hint = po `/quit` połączenie użytkownika ma zostać zamknięte, wszyscy pozostali mają dostać `* <nick> left`, a nick ma znów być wolny
    .hint-2 = handle_client(): gdy read_commands() się kończy (po /quit albo na końcu strumienia), hub.leave() ma usunąć użytkownika; to zamyka jego skrzynkę, a wtedy jego wątek piszący ma zamknąć gniazdo
    .hint-3 = gdy pętla czytania użytkownika się kończy, wołaj hub.leave(&ticket) (usuwa go z mapy i ogłasza, że wyszedł); w write_outbox(), gdy recv() ze skrzynki zwróci błąd, zrób shutdown(Shutdown::Both) gniazda
kick =
    .checks = na konsoli `/kick bob flooding the chat`: bob dostaje `* you were kicked by admin: flooding the chat` i zostaje rozłączony; pozostali dostają `* bob was kicked by admin: flooding the chat` i żadnego `left`
    .hint = wyrzucenie ma powiadomić wyrzuconego użytkownika, z powodem, zamknąć jego połączenie i powiedzieć pozostałym, z powodem, że został wyrzucony (a nie, że wyszedł)
    .hint-2 = Hub::kick(): znajdź użytkownika przez nick_key(nick), wstaw mu powiadomienie, usuń go z mapy (żeby leave() niczego potem nie ogłaszało) i roześlij pozostałym linię o wyrzuceniu
    .hint-3 = wstaw wiadomość do skrzynki wyrzucanego, usuń go z mapy (żeby jego wyjście nie zostało ogłoszone drugi raz) i porzuć jego skrzynkę, żeby jego wątek piszący wysłał, co zostało, i zamknął połączenie; powód trafia do obu linii (says::you_were_kicked, says::was_kicked)
kick-unknown =
    .checks = na konsoli `/kick ghost`, nick, którego nikt nie ma: konsola pokazuje `* no user named ghost`, a użytkownicy nic nie dostają
    .hint = `/kick` z nickiem, którego nikt nie ma, dostaje odpowiedź tylko na konsoli; użytkownicy nic nie dostają
    .hint-2 = Hub::kick() ma zwrócić false, nic nie wysyłając, gdy nikt nie ma takiego nicka: wtedy console::run() pokazuje `* no user named <nick>`
    .hint-3 = gdy Hub::kick() nikogo nie znajduje (users.by_key.remove(&nick_key(nick)) daje None), zwróć false, zanim cokolwiek roześlesz; console::run() pokazuje `* no user named <nick>` przez hub.show()
kick-any-case =
    .checks = na konsoli `/kick BOB` wyrzuca boba: nicki i tu porównuje się bez względu na wielkość liter
    .hint = `/kick` na konsoli ma znaleźć użytkownika bez względu na wielkość liter wpisanego nicka: tu też nicki porównuje się bez względu na wielkość liter
    .hint-2 = Hub::kick() szuka użytkownika przez nick_key(nick), tak jak join(), a nie po nicku w postaci, w jakiej go wpisano
    .hint-3 = users.by_key.remove(&nick_key(nick)): kluczami mapy są nick_key(); ogłoś wyrzucenie z nickiem użytkownika (albo z nickiem w postaci, w jakiej go wpisano)
user-cannot-kick =
    .checks = `/kick` od użytkownika dostaje `ERROR only the admin can kick` i nikt nie zostaje wyrzucony
    .hint = wyrzucać może tylko konsola; /kick od użytkownika to błąd tylko dla tego użytkownika
    .hint-2 = read_commands(): na UserCommand::Kick odpowiedz says::ONLY_ADMIN_KICKS tylko temu użytkownikowi (hub.send_to()), a Hub::kick() nigdy nie jest wołane
duplicate-nick =
    .checks = nick, który jest już zajęty (bez względu na wielkość liter w każdym alfabecie: `ŁUCJA` to `Łucja`, i na spacje wokół niego), dostaje `ERROR nick taken`, a klient może spróbować innego
    .hint = nick, który ktoś już ma, bez względu na wielkość liter i spacje wokół niego, ma zostać odrzucony odpowiedzią `ERROR nick taken`, a klient może potem spróbować innego
    .hint-2 = Hub::join(): nicki porównuje się przez nick_key() (małe litery, w każdym alfabecie) nicka po obcięciu spacji, a sprawdzenie i dodanie odbywa się pod jedną blokadą
    .hint-3 = najpierw obetnij spacje wokół nicka (robi to register()), porównuj nicki przez nick_key() (to_lowercase, nie to_ascii_lowercase: Ł to nie ASCII) i sprawdzaj oraz dodawaj pod jedną blokadą: jeśli users.by_key ma już ten klucz, Err(NickError::Taken)
nick-race =
    .checks = dziesięć połączeń wysyła ten sam nick w tej samej chwili: dokładnie jedno dostaje `WELCOME`, pozostałe dziewięć `ERROR nick taken` (dziewięć razy, za każdym razem z nowym nickiem)
    .hint = kilku użytkowników prosi w tej samej chwili o ten sam nick: dokładnie jeden może go dostać, pozostali dostają `ERROR nick taken`
    .hint-2 = Hub::join(): między sprawdzeniem, że nick jest wolny, a jego dodaniem inny wątek też może go sprawdzić, chyba że jedno i drugie dzieje się pod jedną blokadą
    .hint-3 = sprawdzaj, czy nick jest wolny, i dodawaj go pod jedną blokadą (jeden MutexGuard z self.lock() w Hub::join()), nie zwalniając jej pomiędzy
reserved-nick =
    .checks = `Admin`, `admin`, `SERVER` i `  admin ` są odrzucane z `ERROR nick taken`, żeby nikt nie mógł udawać admina
    .hint = `admin` i `server`, pisane dowolnymi literami i ze spacjami wokół, są odrzucane jako zajęte, żeby nikt nie mógł udawać admina
    .hint-2 = Hub::join() ma wołać check_nick(), które odrzuca RESERVED_NICKS porównane przez nick_key(), na nicku po obcięciu spacji
    .hint-3 = najpierw obetnij spacje wokół nicka, potem odrzuć `admin` i `server` bez względu na wielkość liter: check_nick(nick) przed zajrzeniem do mapy, a na jego Err(NickError::Taken) odpowiedz says::NICK_TAKEN
invalid-nick =
    .checks = pusty nick, nick ze spacją, 17-znakowy, z sekwencjami sterującymi i z `;` dostają `ERROR invalid nick`; `Zażółć` i `x_y-2` są przyjmowane
    .hint = nick z 1 do 16 liter, cyfr, `_` albo `-` jest przyjmowany (polskie litery to też litery); każdy inny dostaje `ERROR invalid nick`
    .hint-2 = Hub::join() ma najpierw zawołać check_nick(): każdy znak musi spełniać char::is_alphanumeric() albo być _ lub -, a długość liczy się w znakach
    .hint-3 = od 1 do 16 znaków, każdy char::is_alphanumeric() albo _ lub -; inaczej Err(NickError::Invalid), na który odpowiada się says::INVALID_NICK, zanim zajrzy się do mapy
nick-length =
    .checks = nicki z 9 i z 16 znaków są przyjmowane, także `Zażółćgęśląjaźń1` (16 znaków, 25 bajtów)
    .hint = nicki do 16 znaków są przyjmowane, także z polskimi literami, które zajmują więcej bajtów niż znaków
    .hint-2 = check_nick(): limit MAX_NICK jest w znakach; String::len() liczy bajty, a ż zajmuje dwa
    .hint-3 = nick ma od 1 do 16 znaków (MAX_NICK), liczonych przez chars().count(), a nie w bajtach
nick-spaces =
    .checks = `  ola  ` (spacje przed i po) jest przyjmowany jako `ola`
    .hint = spacje wokół nicka nie są jego częścią: `  ola  ` jest przyjmowany jako `ola`
    .hint-2 = zrób trim() linii z nickiem, zanim go sprawdzisz (robi to register(), przed Hub::join())
list =
    .checks = `/list` odpowiada `* users: <nick>, <nick>, ...` ze wszystkimi użytkownikami, tylko pytającemu
    .hint = `/list` odpowiada tylko użytkownikowi, który zapytał, z nickami wszystkich użytkowników
    .hint-2 = zbierz nicki pod blokadą i wyślij linię tylko temu użytkownikowi
    .hint-3 = read_commands(): UserCommand::List -> hub.send_to(ticket, says::users(&hub.nicks())), a nie broadcast(); nicks() samo bierze blokadę, więc wołaj ją, nie trzymając blokady
unknown-command =
    .checks = `/dance now` dostaje `ERROR unknown command` (tylko nadawca); nic nie jest rozsyłane
    .hint = na linię zaczynającą się od `/`, która nie jest poleceniem, tylko nadawca dostaje `ERROR unknown command`, a sama linia nie idzie dalej
    .hint-2 = parse_user_line(): pierwsze słowo zaczynające się od /, które nie jest /list, /quit ani /kick, to UserCommand::Unknown; read_commands() odpowiada na nie says::UNKNOWN_COMMAND
    .hint-3 = UserCommand::Unknown -> hub.send_to(ticket, says::UNKNOWN_COMMAND.to_string()): send_to(), a nie say(), więc nic nie idzie dalej
empty-line =
    .checks = pusta linia, linia z samych spacji i linia z samych znaków sterujących nie są rozsyłane
    .hint = linia, która nic nie mówi (pusta, same spacje, same znaki sterujące), nie trafia do nikogo
    .hint-2 = parse_user_line(): najpierw sanitize(), a linia, w której nie zostało żadne słowo (split_whitespace), to UserCommand::Empty, które read_commands() pomija
console-list =
    .checks = na konsoli `/list` pokazuje na konsoli `* users: <nick>, ...` ze wszystkimi użytkownikami i nic nie wysyła użytkownikom
    .hint = `/list` na konsoli pokazuje na konsoli wszystkich użytkowników, a użytkownicy nic nie dostają
    .hint-2 = console::run(): ConsoleCommand::List -> hub.show(&says::users(&hub.nicks())); hub.show() przechodzi przez Console::show(), które ma wstawić linię do kolejki wątku wypisującego konsolę
console-unknown-command =
    .checks = na konsoli `/dance`, `/dance now`, `/kick` bez nicka i `/` pokazują na konsoli każde `* unknown command /<command>` i nic nie wysyłają użytkownikom
    .hint = nieznane polecenie konsoli dostaje odpowiedź na konsoli (`* unknown command /<polecenie>`), a nie jest mówione użytkownikom jako admin
    .hint-2 = parse_console_line(): każde inne /słowo to ConsoleCommand::Unknown; console::run() pokazuje je przez hub.show(), nie jest mówione jako admin
many-users =
    .checks = 50 użytkowników połączonych naraz dostaje wiadomość
    .hint = 50 użytkowników połączonych naraz ma dostać wiadomość: nikt nie może czekać na nikogo
    .hint-2 = serve(): sprawdź, co dzieje się z każdym przyjętym połączeniem; serwer, który obsługuje po jednym połączeniu albo kilka na raz, nigdy nie powita reszty
    .hint-3 = wątek na użytkownika (albo na połączenie), żeby nikt nie czekał na nikogo: przy każdym accept() zrób thread::spawn z handle_client(stream, hub.clone()) i od razu wróć do accept()
abrupt-disconnect =
    .checks = gdy połączenie użytkownika po prostu się zamyka (bez /quit), jego wyjście jest ogłaszane dokładnie raz
    .hint = gdy połączenie użytkownika po prostu się zamyka, bez `/quit`, pozostali mają dokładnie raz dostać wiadomość, że wyszedł
    .hint-2 = handle_client(): koniec strumienia i błędy odczytu też kończą read_commands(); hub.leave() ma się wykonać bez względu na to, jak się skończyło, i tylko w jednym miejscu (nie także w wątku piszącym)
    .hint-3 = koniec strumienia i błędy odczytu też kończą pętlę użytkownika; ogłaszaj wyjście tylko w jednym miejscu: wołaj hub.leave(&ticket) po powrocie z read_commands(), czy to Ok, czy Err
come-and-go =
    .checks = 100 użytkowników dołącza i wychodzi (`/quit`, zamknięte połączenie albo zamknięcie przed podaniem nicka): potem serwer nie ma otwartych więcej gniazd niż przedtem
    .hint = gdy użytkownicy przychodzą i odchodzą, serwer nie może trzymać ich gniazd otwartych
    .hint-2 = połączenie ma uchwyt w każdym ze swoich wątków (strumień wątku czytającego i klon wątku piszącego): poszukaj takiego, który żyje dłużej niż użytkownik, na przykład listy wszystkich połączeń, której nikt nie czyści, albo wątku piszącego, który nigdy się nie kończy
    .hint-3 = gdy użytkownika już nie ma, muszą zniknąć wszystkie uchwyty jego połączenia (wątku czytającego i piszącego): usunięcie użytkownika z mapy porzuca skrzynkę, więc write_outbox() się kończy i porzuca swoje gniazdo; nie trzymaj listy wszystkich połączeń, której nikt nie czyści
fragments-and-coalesced =
    .checks = nick i wiadomość przychodzące w kawałkach oraz trzy linie w jednym segmencie są obsługiwane linia po linii
    .hint = nick albo wiadomość, które przychodzą w kawałkach, albo kilka linii naraz, trzeba obsłużyć linia po linii
    .hint-2 = handle_client(): jeden BufReader, utworzony raz na połączenie, dla nicka i każdej kolejnej linii; nowy BufReader gubi to, co poprzedni przeczytał z wyprzedzeniem
    .hint-3 = czytaj przez BufReader utworzony raz na połączenie i przekazywany do register() i read_commands(); jedno recv() to nie jedna linia
long-line =
    .checks = linia dokładnie 1024-bajtowa jest rozsyłana w całości (także zakończona `\r\n`); linia 2000-bajtowa i 600 `ż` (1200 bajtów) dostają `ERROR line too long`, nie są rozsyłane, a połączenie zostaje
    .hint = linia dłuższa niż limit nie może być czytana w całości ani stać się dwiema wiadomościami: spójrz, jak serwer czyta linię
    .hint-2 = czytanie linii: ogranicz, ile może przeczytać jedna linia (Read::take), a gdy limit zostanie osiągnięty, pomiń resztę tej linii przed następną
    .hint-3 = czytaj najwyżej 1024 bajty (+ koniec linii) na linię przez Read::take, a resztę linii pomiń
invalid-utf8 =
    .checks = linia z bajtami, które nie są UTF-8, jest rozsyłana z U+FFFD w ich miejscu, a połączenie zostaje
    .hint = linia z bajtami, które nie są UTF-8, ma pójść dalej z U+FFFD w ich miejscu, a połączenie ma pozostać otwarte
    .hint-2 = spójrz, jak czytana jest linia: BufRead::lines() albo read_line() do String kończą się błędem na bajtach, które nie są UTF-8, a błąd kończy pętlę użytkownika
    .hint-3 = String::from_utf8_lossy zamiast błędu, który kończy połączenie, tak jak robi to protocol::read_line()
escapes-stripped =
    .checks = znaki sterujące (sekwencje ANSI, dzwonek, backspace) są usuwane przed rozesłaniem wiadomości: nie dostaje ich ani inny użytkownik, ani konsola
    .hint = znaki sterujące (sekwencje ucieczki, dzwonek, backspace) nie mogą do nikogo dotrzeć, ani do innych użytkowników, ani na konsolę
    .hint-2 = parse_user_line() czyści linię przez sanitize(), zanim zostanie powiedziana: linia powiedziana inną drogą je zachowuje
    .hint-3 = usuń każdy znak, dla którego char::is_control() jest prawdą (sanitize()), zanim linia zostanie powiedziana: do Hub::say() przekaż tekst z UserCommand::Say, a nie surową linię
slow-reader =
    .checks = gdy jeden użytkownik nic nie czyta, dwóch innych wymienia wiadomości i dostaje wszystkie, w kolejności, bez zwłoki: 1 MiB więcej, odkąd jądro pokazuje, że gniazdo serwera do tamtego użytkownika nic nie przyjmuje, a jeśli nie, więcej, niż jądro może zbuforować (maksimum net.ipv4.tcp_wmem i jeszcze 1 MiB)
    .hint = jeden użytkownik, który nic nie czyta, wstrzymał pozostałych: czat ma toczyć się dalej dla wszystkich innych, bez zwalniania
    .hint-2 = spójrz, gdzie linia jest zapisywana do gniazda użytkownika: send() do użytkownika, którego bufory są pełne, blokuje się, a jeśli dzieje się to pod blokadą huba albo w wątku nadawcy, czekają wszyscy; czy skrzynka każdego użytkownika ma ograniczoną pojemność?
    .hint-3 = nigdy nie pozwól, by pełne gniazdo jednego użytkownika wstrzymało pozostałych: daj każdemu ograniczoną kolejkę i wątek piszący, którego send() ma limit czasu (set_write_timeout), i odłącz użytkownika, którego gniazdo nie przyjmie wysyłanych danych w ciągu sekundy
slow-reader-dropped =
    .checks = użytkownik, który nic nie czyta, zostaje rozłączony, a jego wyjście ogłoszone, zanim wyśle się do niego 8 MiB
    .hint = użytkownik, który nic nie czyta, nigdy nie został odcięty: linie do niego piętrzyły się albo czat czekał na niego bez końca
    .hint-2 = spójrz na send() w wątku piszącym: bez limitu czasu blokuje się na zawsze, gdy bufory tego użytkownika są pełne; i czy kolejka każdego użytkownika jest ograniczona, żeby nic nie piętrzyło się bez końca?
    .hint-3 = ogranicz każdą skrzynkę (OUTBOX_LINES podane outbox()) i daj send() w wątku piszącym termin (set_write_timeout, WRITE_STALL); gdy minie, zamknij gniazdo (shutdown): wątek czytający się kończy, a wyjście użytkownika zostaje ogłoszone
half-line =
    .checks = użytkownik, który wysłał pół linii (`hel`, bez znaku nowej linii), nikogo nie wstrzymuje; reszta (`lo\n`) jest rozsyłana jako jedna wiadomość `hello`
    .hint = użytkownik, który wysłał pół linii, nikogo nie wstrzymuje, a reszta linii dopełnia jego wiadomość
    .hint-2 = poszukaj miejsca, w którym serwer czeka na koniec linii: każdego użytkownika trzeba czytać w osobnym wątku i nie wolno przy tym trzymać żadnej blokady
    .hint-3 = czytaj każdego użytkownika w jego własnym wątku (albo trzymaj bufor dla każdego użytkownika i reaguj tylko na całe linie): nigdy nie czekaj na znak nowej linii jednego użytkownika, gdy inni piszą, i nigdy z trzymaną blokadą huba
kick-not-reading =
    .checks = użytkownik, który nic nie czyta i ma pełne bufory, i tak zostaje szybko rozłączony, gdy admin go wyrzuci
    .hint = użytkownik, który nic nie czyta, ma zostać szybko rozłączony, gdy admin go wyrzuci
    .hint-2 = wątek piszący wyrzuconego użytkownika może utknąć w send() do pełnego gniazda i wtedy nigdy nie zauważy, że jego skrzynka została zamknięta
    .hint-3 = daj send() limit czasu (set_write_timeout(Some(WRITE_STALL))) albo zrób shutdown() gniazda przy wyrzucaniu: zablokowane send() zwraca wtedy błąd, a wątek piszący się kończy i zamyka połączenie
kick-rejoin =
    .checks = użytkownik wyrzucony, gdy nic nie czytał, od razu dołącza znowu pod tym samym nickiem i zostaje na czacie, gdy serwer zamyka stare połączenie (żadnego `* slow left`)
    .hint = wyrzucony użytkownik, który dołącza ponownie pod tym samym nickiem, ma zostać w czacie, gdy kończy się jego stare połączenie
    .hint-2 = gdy kończy się stare połączenie, jego handle_client() woła hub.leave(): ma usunąć tylko swój własny wpis, a nie nowego użytkownika o tym samym nicku
    .hint-3 = gdy połączenie się kończy, usuń tylko jego własny wpis (porównaj id, tak jak Hub::leave()), a nie tego, kto ma ten nick w tej chwili
console-not-read =
    .checks = gdy nikt nie czyta konsoli serwera (stdout to pełny potok), użytkownicy wymieniają 600 KB wiadomości i dostają je wszystkie bez zwłoki
    .hint = czat zwolnił albo stanął, gdy nikt nie czytał konsoli serwera: czat nigdy nie może czekać na konsolę
    .hint-2 = czat nigdy nie może czekać na konsolę: Console::show() wstawia linię do kolejki albo liczy ją jako pominiętą, nigdy nie czeka
    .hint-3 = w Console::show() self.outbox.try_send(line); przy TrySendError::Full dodaj jeden do self.missed i idź dalej; nigdy nie pisz na stdout z huba
server-host =
    .checks = z `--host 127.0.0.1` serwer nasłuchuje tam i nigdzie indziej: linia gotowości pokazuje 127.0.0.1, a inny adres pętli zwrotnej (127.x.y.z) odmawia połączenia
    .hint = serwer ma nasłuchiwać pod adresem podanym w --host i nigdzie indziej, a jego linia gotowości ma pokazywać ten adres
    .hint-2 = main.rs składa adres z --host i --port i przekazuje go do open_listener(): sprawdź, jaki adres trafia do bind(), a jaki wypisuje linia gotowości
    .hint-3 = zrób bind() na adres podany w --host, nie na 0.0.0.0, i wypisz adres, na którym nasłuchujesz (listener.local_addr())
client-incoming =
    .checks = klient wysyła swój nick i pokazuje każdą linię, która przychodzi, gdy nic nie jest wpisywane, dokładnie tak, jak przyszła (także linię 1051 bajtów, także zakończoną `\r\n`), bez jej znaków sterujących
    .hint = klient ma wypisywać to, co przychodzi, gdy użytkownik pisze albo nie pisze wcale: spójrz, na co czeka
    .hint-2 = klawiatura i połączenie potrzebują każde własnego wątku (inaczej klient stoi w jednym odczycie, gdy w drugim są nowości)
    .hint-3 = client::join() wysyła nick; potem run() uruchamia forward_keyboard() we własnym wątku i wypisuje to, co przychodzi, przez print_incoming(): żadne z nich nie może czekać na drugie
client-typing =
    .checks = klient wysyła każdą wpisaną linię, `/quit`, gdy skończy się jego wejście, a gdy serwer zamknie połączenie, mówi to na stderr (dowolnymi słowami) i kończy się kodem 0
    .hint = klient ma wysyłać każdą wpisaną linię, `/quit`, gdy jego wejście się kończy, a gdy serwer zamknie połączenie, powiedzieć to na stderr i zakończyć się kodem 0
    .hint-2 = client::run(): forward_keyboard() (we własnym wątku) wysyła wpisane linie, a na końcu stdin /quit; główny wątek wypisuje to, co przychodzi, aż do końca strumienia, potem mówi o tym na stderr i zwraca Ok(())
    .hint-3 = przekazuj linie ze stdin do gniazda, a na końcu stdin wyślij /quit (thread::spawn z forward_keyboard(stream.try_clone()?)); print_incoming() aż do końca strumienia, potem eprintln!, że serwer zamknął połączenie, i zwróć Ok(())
client-asks-nick =
    .checks = bez `--nick` klient czyta nick ze swojego stdin i wysyła go jako pierwszy; zachęta idzie na stderr (`WELCOME dora` to osobna linia na stdout)
    .hint = bez --nick klient prosi o nick na stderr, czyta go ze swojego wejścia i wysyła jako pierwszy
    .hint-2 = client::join() pyta (ask(), które wypisuje zachętę na stderr), gdy nie podano nicka; client::run() ma zawołać join(), zanim wyśle cokolwiek innego
    .hint-3 = jeśli brak --nick, przeczytaj jedną linię ze stdin (z zachętą na stderr) i wyślij ją jako nick: najpierw zawołaj join(&mut reader, &mut stream, nick), a gdy zwróci false, zwróć Ok(())
client-nick-taken =
    .checks = po `ERROR invalid nick`, i znowu po `ERROR nick taken`, klient prosi o inny nick (zachęta na stderr) i go wysyła
    .hint = po ERROR dla nicka klient prosi o inny i go wysyła
    .hint-2 = client::join() działa w pętli: odpowiedź, która nie jest WELCOME, oznacza prośbę o nowy nick; client::run() ma używać join(), a nie wysyłać nick tylko raz
    .hint-3 = na ERROR w odpowiedzi na nick przeczytaj nowy nick ze stdin (ask(), z zachętą na stderr) i wyślij go, aż do WELCOME
client-kicked =
    .checks = klient wypisuje komunikat o wyrzuceniu, a gdy serwer zamknie połączenie, mówi to na stderr (dowolnymi słowami) i kończy się kodem 0
    .hint = gdy serwer zamyka połączenie (na przykład po wyrzuceniu), klient wypisuje to, co przyszło, mówi o tym na stderr i kończy się kodem 0
    .hint-2 = client::run(): koniec strumienia od serwera to zwykły koniec, a nie błąd: print_incoming() zwraca wtedy Ok(())
    .hint-3 = koniec strumienia od serwera to zwykły koniec: wypisz linię o wyrzuceniu tak, jak przyszła, wypisz komunikat przez eprintln! i zwróć Ok(()) (kod 0)

## Messages of the tests

# The console, and broadcast
lab03-console-stdin = nie udało się pisać na konsoli serwera (stdin): { $e }
lab03-console-did-not-show = konsola serwera (stdout) tego nie pokazała
lab03-lurker = c1 jest połączony, ale jeszcze nie wysyła nicka

# one-order
lab03-the-120-messages = 120 wiadomości
lab03-missing-or-out-of-order = { $conn }: brakuje wiadomości od { $nick } albo przyszły w złej kolejności
lab03-00-to-29-in-order = od "{ $nick }: { $nick } 00" do "{ $nick }: { $nick } 29", po kolei
lab03-different-orders = dwóch użytkowników widziało czat w różnej kolejności
lab03-same-line-as = linia { $at } u { $user } taka sama jak u { $first }: { $line }

# join-leave-announced
lab03-close-bob-after-quit = zamknięcie połączenia boba przez serwer po /quit

# kick, kick-any-case
lab03-close-kicked = zamknięcie połączenia wyrzuconego użytkownika przez serwer
lab03-kick-announcement = ogłoszenie o wyrzuceniu
lab03-bob-kick-notice = powiadomienie boba o wyrzuceniu
lab03-no-kick-notice = wyrzucony użytkownik nie dostał powiadomienia o wyrzuceniu z powodem
lab03-you-were-kicked-flooding = "* you were kicked by admin: flooding"
lab03-others-not-told-reason = { $conn }: pozostali nie dowiedzieli się o wyrzuceniu i jego powodzie
lab03-bob-was-kicked-flooding = "* bob was kicked by admin: flooding"
lab03-others-not-told = pozostali nie dowiedzieli się o wyrzuceniu
lab03-bob-was-kicked = "* bob was kicked by admin"

# empty-line
lab03-empty-lines = ala wysyła pustą linię, linię ze spacji i linię z samych znaków sterujących

# nick-race
lab03-all-ten-twin = { $rounds } razy: dziesięć połączeń wysyła ten sam nick (twin1, twin2, ...), jedno zaraz po drugim
lab03-awaits-welcome-or-taken = WELCOME { $nick } albo ERROR nick taken
lab03-not-an-answer-to-a-nick = { $conn }: to nie jest odpowiedź na nick
lab03-welcome-or-taken = "WELCOME { $nick }" albo "ERROR nick taken"
lab03-nick-given-twice = ten sam nick dostało kilku użytkowników albo nikt
lab03-exactly-one-welcome = dokładnie jedno WELCOME { $nick } (próba { $round } z { $rounds })
lab03-welcome-twin-for = WELCOME { $nick } dla { $welcomed }

# come-and-go
lab03-sockets-before =
    serwer ma { $before ->
        [one] { $before } otwarte gniazdo
        [few] { $before } otwarte gniazda
       *[many] { $before } otwartych gniazd
    }; teraz przychodzi i odchodzi 100 użytkowników
lab03-sockets-now =
    serwer ma { $now ->
        [one] { $now } otwarte gniazdo
        [few] { $now } otwarte gniazda
       *[many] { $now } otwartych gniazd
    }
lab03-close-after-quit = zamknięcie połączenia przez serwer po /quit
lab03-keeps-connections = serwer nie zamyka połączeń użytkowników, którzy wyszli
lab03-at-most-sockets =
    najwyżej { $most ->
        [one] { $most } otwarte gniazdo
        [few] { $most } otwarte gniazda
       *[many] { $most } otwartych gniazd
    }, tyle co przed 100 użytkownikami (i kilka więcej)
lab03-open-sockets =
    { $now ->
        [one] { $now } otwarte gniazdo
        [few] { $now } otwarte gniazda
       *[many] { $now } otwartych gniazd
    }

# reserved-nick, list
lab03-error-for-reserved = ERROR w odpowiedzi na zastrzeżony nick
lab03-reply-to-list = odpowiedź na /list
lab03-reserved-not-refused = zastrzeżony nick { $nick } nie został odrzucony
lab03-error-nick-taken = "ERROR nick taken"
lab03-list-incomplete = /list nie wymienił wszystkich użytkowników
lab03-users-any-order = "* users: Ala, bob, cyd" (w dowolnej kolejności)

# abrupt-disconnect, invalid-utf8, escapes-stripped
lab03-closed-without-quit = połączenie boba zostaje zamknięte bez /quit
lab03-ala-message = wiadomość od ali
lab03-not-replaced = niepoprawny bajt nie został zastąpiony przez U+FFFD
lab03-cafe-au-lait = "ala: caf� au lait"
lab03-controls-reached = znaki sterujące dotarły do terminala innego użytkownika
lab03-no-controls = "ala: [2J[1;31mred alert]0;pwned doneadmin: fakex" (bez znaków sterujących)

# The flood of slow-reader, kick-not-reading, kick-rejoin, console-not-read, slow-reader-dropped
lab03-flood-sends =
    { $nick } wysyła { $lines ->
        [one] { $lines } wiadomość
       *[other] { $lines } wiadomości
    } po { $bytes ->
        [one] { $bytes } bajcie
        [few] { $bytes } bajty
       *[many] { $bytes } bajtów
    }
lab03-message-of-from = wiadomość { $i } z { $lines } od { $nick }
lab03-messages-lost = { $conn }: wiadomości zginęły albo przyszły w złej kolejności
lab03-message-starting = wiadomość { $i }, zaczynająca się od { $begins }
lab03-a-line-starting = linia zaczynająca się od { $begins }
lab03-reader-panicked = wątek czytający spanikował
lab03-slow-stops-reading = slow od teraz nic nie czyta
lab03-delivered = ala i bob dostali { $mib } MiB w { $ms } ms
lab03-half-a-line = ala wysłała pół linii i na tym poprzestaje
lab03-slow-closed = serwer zamknął połączenie slow (stan { $state })
lab03-state-gone = brak gniazda
lab03-kicked-still-open = połączenie wyrzuconego użytkownika było nadal otwarte po stronie serwera
lab03-close-after-kick = zamknięcie połączenia slow przez serwer po /kick slow, choć slow nic nie czyta
lab03-still-established = połączenie nadal w stanie ESTABLISHED po upływie limitu czasu
lab03-joins-again = slow od razu dołącza ponownie na nowym połączeniu
lab03-awaits-welcome-slow = WELCOME slow
lab03-could-not-rejoin = wyrzucony użytkownik nie mógł dołączyć ponownie
lab03-welcome-slow = "WELCOME slow"
lab03-stops-reading-console = sprawdzarka przestaje czytać konsolę serwera (stdout)
lab03-slow-dropped = slow został rozłączony po najwyżej { $round } MiB
lab03-still-connected = użytkownik, który nic nie czyta, był nadal połączony po 8 MiB wiadomości
lab03-slow-left-once-full = "* slow left", gdy kolejka slow się zapełni
lab03-no-such-line = nie było takiej linii

# The client's tests
lab03-client-nick = nick od klienta
lab03-not-the-nick = klient nie wysłał w pierwszej linii nicka, który dostał
lab03-client-did-not-show = klient nie pokazał linii, którą dostał
lab03-input-ends = wejście klienta się kończy (stdin zamknięte)
lab03-exit-server-closed = serwer zamknął połączenie
lab03-line-on-client-stdout = linia { $line } na stdout klienta
lab03-second-nick = kolejny nick, wczytany ze stdin

# What the console shows (broadcast, kick-unknown, console-unknown-command, escapes-stripped)
lab03-the-line = linia { $line }

lab03-closed-silently = klient zakończył działanie, nie mówiąc, że serwer zamknął połączenie
lab03-a-note-on-stderr = uwagi na stderr (dowolnymi słowami), gdy serwer zamknie połączenie
lab03-nothing-more-on-stderr = nic więcej na stderr
lab03-dropped-before-kick = slow został rozłączony za nieczytanie przed wyrzuceniem: jeszcze raz, na nowym serwerze
lab03-always-dropped-before-kick = slow został rozłączony za nieczytanie przed wyrzuceniem, { $tries } razy
lab03-dropped-after-a-second = użytkownik rozłączany dopiero wtedy, gdy jego gniazdo nie przyjmie wysłania w ciągu sekundy (chyba że ta maszyna jest tak obciążona, że zalew 200 KB trwał dłużej)
lab03-slow-left-first = "* slow left" przed wyrzuceniem
lab03-old-closed-first = serwer zamknął stare połączenie, zanim slow dołączył znowu: jeszcze raz, na nowym serwerze

# The handout's rules (RULES in lab03.rs): rule-<id>, what it says.

rule-03-lines =
    .says = Linie to tekst UTF-8 zakończony `\n`; `\r` przed `\n` jest pomijane w obu kierunkach (serwer też może wysyłać `\r\n`), a jedno recv() to nie jedna linia.
rule-03-welcome =
    .says = Pierwsza linia klienta to jego nick; gdy zostanie przyjęty, nowy użytkownik dostaje `WELCOME <nick>`, a potem wszyscy, z nim włącznie, dostają `* <nick> joined`.
rule-03-nick-form =
    .says = Nick ma od 1 do 16 znaków (znaków, nie bajtów), każdy to litera dowolnego alfabetu, cyfra, `_` albo `-`; każdy inny nick dostaje `ERROR invalid nick`.
rule-03-nick-trimmed =
    .says = Spacje przed nickiem i po nim są pomijane: `  ola  ` to `ola`.
rule-03-nick-reserved =
    .says = `admin` i `server` są zarezerwowane, bez względu na wielkość liter: dostają `ERROR nick taken`, więc nikt nie może udawać admina.
rule-03-nick-unique =
    .says = Nicki są unikalne, porównywane bez względu na wielkość liter w każdym alfabecie (`Ala` to `ala`, `ŁUCJA` to `Łucja`), także gdy dwóch użytkowników wysyła ten sam nick w tej samej chwili: drugi dostaje `ERROR nick taken`.
rule-03-nick-again =
    .says = Po `ERROR invalid nick` albo `ERROR nick taken` klient może wysłać inny nick tym samym połączeniem.
rule-03-say =
    .says = Dowolny tekst od użytkownika dociera do wszystkich, z nadawcą włącznie, jako `<nick>: <text>`; połączenie, które jeszcze nie dołączyło, nic nie dostaje.
rule-03-many-at-once =
    .says = Wielu użytkowników jest obsługiwanych jednocześnie: nikt nie czeka, aż ktoś inny zostanie obsłużony.
rule-03-one-order =
    .says = Wszyscy widzą czat w jednej kolejności.
rule-03-list =
    .says = `/list` od użytkownika: tylko ten użytkownik dostaje `* users: <nick>, <nick>, ...`, ze wszystkimi użytkownikami.
rule-03-quit =
    .says = `/quit`: serwer zamyka połączenie tego użytkownika, a wszyscy pozostali dostają `* <nick> left`.
rule-03-only-admin-kicks =
    .says = `/kick ...` od użytkownika: tylko ten użytkownik dostaje `ERROR only the admin can kick` i nikt nie zostaje wyrzucony.
rule-03-unknown-command =
    .says = Każde inne polecenie `/command` od użytkownika (pierwsze słowo zaczyna się od `/`): tylko ten użytkownik dostaje `ERROR unknown command` i nic nie jest przekazywane.
rule-03-empty-line =
    .says = Pusta linia, linia z samych spacji albo z samych znaków sterujących nie jest przekazywana nikomu.
rule-03-left-once =
    .says = Wyjście, jakkolwiek się zdarzy (`/quit`, zamknięcie połączenia, rozłączenie za nieczytanie), jest ogłaszane raz: `* <nick> left`.
rule-03-kicked-not-left =
    .says = Wyrzucony użytkownik jest ogłaszany jako wyrzucony, a nie dodatkowo jako ten, który wyszedł.
rule-03-nick-freed =
    .says = Użytkownika, który wyszedł albo został wyrzucony, już nie ma: jego nick jest znowu wolny, a wyrzucony, który dołączy znowu przez nowe połączenie, zostaje na czacie, gdy serwer zamknie stare.
rule-03-no-handles-kept =
    .says = Gdy połączenie użytkownika jest zamknięte, serwer nie trzyma żadnego jego uchwytu: użytkownicy, którzy przychodzą i odchodzą, nie kosztują serwera otwartych plików.
rule-03-console-says =
    .says = Tekst wpisany na konsoli dociera do wszystkich jako `admin: <text>`; pusta linia albo same spacje nic nie robią.
rule-03-kick =
    .says = `/kick <nick>` na konsoli: wyrzucany dostaje `* you were kicked by admin` i zostaje rozłączony; wszyscy pozostali dostają `* <nick> was kicked by admin`.
rule-03-kick-reason =
    .says = `/kick <nick> <reason>` na konsoli: to samo, z `: <reason>` (całym) na końcu obu linii.
rule-03-kick-any-case =
    .says = `/kick` na konsoli znajduje nick bez względu na wielkość liter: `/kick BOB` wyrzuca boba.
rule-03-kick-unknown =
    .says = `/kick` na konsoli z nickiem, którego nikt nie ma: konsola pokazuje `* no user named <nick>`, a użytkownicy nic nie dostają.
rule-03-console-list =
    .says = `/list` na konsoli: konsola pokazuje `* users: <nick>, <nick>, ...`, a użytkownicy nic nie dostają.
rule-03-console-unknown =
    .says = Każde inne polecenie `/command` na konsoli, także `/kick` bez nicka: konsola pokazuje `* unknown command /<command>` (w tej samej linii może nastąpić przypomnienie poleceń), a użytkownicy nic nie dostają.
rule-03-console-shows-chat =
    .says = Konsola pokazuje każdą rozsyłaną linię.
rule-03-log-on-stderr =
    .says = Dziennik serwera (połączenia, błędy) idzie na stderr, nie na konsolę.
    .unchecked = konsola może pokazywać więcej niż czat i swoje odpowiedzi (uwagę, że zgubiła linie), a sprawdzarka rozpoznaje jej odpowiedzi po początku, więc linii dziennika na stdout nie da się po jej formie odróżnić od takiej uwagi
rule-03-console-not-read =
    .says = To, że nikt nie czyta konsoli, nigdy nie zatrzymuje czatu: jeśli stdout jest pełne, konsola może gubić linie.
rule-03-line-too-long =
    .says = Linia dłuższa niż 1024 bajty (bez zakończenia linii) dostaje `ERROR line too long`; linia jest odrzucana, a połączenie zostaje.
rule-03-line-1024 =
    .says = Linia mająca dokładnie 1024 bajty jest w porządku i zostaje przekazana w całości: nikt nie może ucinać odbieranych linii na 1024 bajtach.
rule-03-invalid-utf8 =
    .says = Bajty, które nie są UTF-8, są zastępowane przez U+FFFD; to nie błąd.
rule-03-controls-removed =
    .says = Znaki sterujące (`char::is_control`: ESC, dzwonek, backspace, powrót karetki, tabulator, ...) są usuwane z wiadomości przed przekazaniem czegokolwiek, użytkownikom i na konsolę.
rule-03-slow-reader =
    .says = Użytkownik, który przestaje czytać, nikogo nie wstrzymuje: wszyscy inni dalej dostają wiadomości, na czas.
rule-03-slow-reader-dropped =
    .says = Użytkownik, który przestaje czytać, zostaje rozłączony i ogłoszony jako ten, który wyszedł, gdy jego gniazdo nie przyjmie w ciągu sekundy jednego wysłania (linii, które na niego czekają, najwyżej 4 KiB).
rule-03-kicked-closed =
    .says = Połączenie wyrzuconego użytkownika jest zamykane od razu, cokolwiek jest w jego buforach.
rule-03-half-line =
    .says = Użytkownik, który wysłał część linii, nikogo nie wstrzymuje; gdy przyjdzie reszta, linia jest jedną wiadomością.
rule-03-server-host =
    .says = Serwer nasłuchuje na adresie, który dostał, i nigdzie indziej, a jego linia gotowości `listening on <ip>:<port>` pokazuje adres, z którym się związał.
rule-03-client-host =
    .says = Klient łączy się z tym `--host`, który dostał.
rule-03-client-nick =
    .says = Klient wysyła `--nick` jako pierwszą linię, a bez tej opcji czyta nick ze stdin.
rule-03-client-both-ways =
    .says = Po dołączeniu klient jednocześnie wysyła każdą wpisaną linię i wypisuje każdą linię, która przyjdzie.
rule-03-client-nick-again =
    .says = Po `ERROR nick taken` albo `ERROR invalid nick` klient pyta o inny nick.
rule-03-client-quit =
    .says = Gdy kończy mu się wejście, klient wysyła `/quit`.
rule-03-client-closed =
    .says = Gdy serwer zamknie połączenie, klient to mówi (na stderr, dowolnymi słowami) i kończy z kodem 0.
rule-03-client-verbatim =
    .says = Klient wypisuje każdą linię od serwera w osobnej linii, dokładnie tak, jak przyszła (jakkolwiek długą), bez znaków sterujących, które klient usuwa: bez przedrostka, bez znacznika czasu, bez kolorów.
rule-03-client-stderr =
    .says = Zachęty klienta (`nick: `) i jego własne uwagi idą na stderr.

# Wskazówki dla konkretnych błędów (CONSOLE_BLOCKS, MESSAGES_LOST, KICKED_NOT_CLOSED w lab03.rs)
hint-console-blocks = czat stanął, gdy nikt nie czytał konsoli serwera: coś w drodze do konsoli na nią czeka
    .level-2 = spójrz, jak linia trafia do konsoli: deliver() przekazuje ją pod blokadą huba, przy każdej linii; zapis na stdout czeka tam na czytelnika, a send() do ograniczonej kolejki konsoli też czeka, gdy wątek drukujący utknął, a kolejka jest pełna
    .level-3 = w Console::show() użyj try_send(): gdy zwróci TrySendError::Full, dolicz linię do `missed` i idź dalej; nigdy nie pisz na stdout z deliver()
hint-messages-lost = użytkownik, który czytał, nie dostał części wiadomości albo dostał je w złej kolejności: gdy jeden użytkownik nic nie czyta, nie wolno pomijać linii nikomu, kto jest nadal w czacie
    .level-2 = spójrz, jak Hub::deliver() wstawia linię do pełnej skrzynki: linia pominięta w tym miejscu przepada dla użytkownika, który jest tylko trochę w tyle
    .level-3 = w deliver() rób push() do skrzynki każdego użytkownika, które czeka, gdy jest pełna: wątek piszący ją opróżnia albo w ciągu WRITE_STALL rezygnuje z użytkownika, który nic nie czyta, i kończy jego połączenie; linie może pomijać tylko kolejka konsoli
hint-kicked-still-open = wyrzucony użytkownik, który nic nie czyta, ma i tak zostać szybko rozłączony: jego stare połączenie zostało otwarte
    .level-2 = wątek piszący wyrzuconego użytkownika może utknąć w send() do pełnego gniazda i wtedy nigdy nie zauważy, że jego skrzynka została zamknięta
    .level-3 = daj send() limit czasu (set_write_timeout(Some(WRITE_STALL))) albo zrób shutdown() gniazda przy wyrzucaniu: zablokowane send() zwraca wtedy błąd, a wątek piszący się kończy i zamyka połączenie
hint-kicked-not-closed = wyrzucony użytkownik dostał powiadomienie, ale jego połączenie zostało otwarte: wyrzucenie kończy też połączenie
    .level-2 = sprawdź, co kończy wątek piszący wyrzuconego użytkownika: Hub::kick() ma usunąć go z mapy, żeby nic już nie trzymało jego skrzynki otwartej, a write_outbox() ma zamknąć gniazdo, gdy skrzynka jest zamknięta
    .level-3 = w kick() usuń użytkownika przez users.by_key.remove(), co porzuca nadawczy koniec jego skrzynki; w write_outbox(), gdy recv() zwróci błąd, zrób socket.shutdown(Shutdown::Both), zanim wyjdziesz z funkcji

# Wskazówki wspólne kilku laboratoriom (checker/src/labs/common.rs)
hint-listens-everywhere = serwer odpowiedział pod innym adresem niż ten, który mu podano: nasłuchuje na wszystkich adresach maszyny
    .level-2 = spójrz na adres podany do bind(): 0.0.0.0 (albo [::]) to wszystkie adresy; adres do bind() to --host
    .level-3 = bind((host, port)) z podanym --host, np. TcpListener::bind((host.as_str(), port)), nigdy 0.0.0.0
hint-ready-line-address = linia gotowości pokazuje inny adres niż ten, na którym serwer miał nasłuchiwać: robi bind() na inny adres albo wypisuje inny, niż ten, na który zrobił bind()
    .level-2 = zrób bind() na adres z --host (nie 0.0.0.0) i wypisz adres, który gniazdo nasłuchujące naprawdę ma, gdy bind() już się udało: listener.local_addr()
    .level-3 = bind() na --host, potem println!("listening on {"{"}{"}"}", listener.local_addr()?)
