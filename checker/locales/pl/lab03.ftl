# Lab 03 (chat with an admin console) in Polish: one message per test of
# checker/src/labs/lab03.rs, named as the test, with what it checks
# (.checks) and where to look when it fails (.hint).

lab03-title = czat wieloosobowy z konsolą administratora

join-welcome =
    .checks = na nick serwer odpowiada `WELCOME <nick>`, a potem `* <nick> joined`
    .hint = pierwsza linia od klienta to jego nick; po sprawdzeniu wstaw WELCOME do kolejki nowego użytkownika i roześlij informację o dołączeniu
broadcast =
    .checks = wiadomość od jednego z trzech użytkowników dociera do wszystkich trzech (także nadawcy) jako `<nick>: <text>` oraz na konsolę, ale nie do połączenia, które jeszcze nie dołączyło
    .hint = read_commands() przekazuje zwykłą linię do Hub::say(), które woła Hub::deliver(): jedna wychodząca linia do skrzynki (outbox) każdego członka i na konsolę
one-order =
    .checks = trzech użytkowników i konsola wysyłają w tej samej chwili po 30 wiadomości: wszyscy trzej użytkownicy widzą te same 120 linii w tej samej kolejności
    .hint = wstawiaj każdą linię do wszystkich skrzynek, trzymając jedną blokadę, żeby żadna inna linia nie weszła pomiędzy
console-says =
    .checks = zwykła linia wpisana na konsoli serwera dociera do wszystkich jako `admin: <text>`; pusta linia i linia spacji nic nie mówią
    .hint = czytaj stdin serwera w osobnym wątku i rozsyłaj każdą linię jako admin
join-leave-announced =
    .checks = `/quit` zamyka połączenie użytkownika, wszyscy pozostali dostają `* <nick> left`, a nick jest znowu wolny
    .hint = gdy pętla czytająca użytkownika się kończy, usuń go z mapy i roześlij, że wyszedł
kick =
    .checks = na konsoli `/kick bob flooding the chat`: bob dostaje `* you were kicked by admin: flooding the chat` i zostaje rozłączony; pozostali dostają `* bob was kicked by admin: flooding the chat` i żadnego `left`
    .hint = wstaw wiadomość do kolejki wyrzucanego, usuń go (żeby wyjście nie zostało ogłoszone drugi raz) i zamknij jego połączenie; powód trafia do obu linii (says::you_were_kicked, says::was_kicked)
kick-unknown =
    .checks = na konsoli `/kick ghost`, nick, którego nikt nie ma: konsola pokazuje `* no user named ghost`, a użytkownicy nic nie dostają
    .hint = gdy Hub::kick() nikogo nie znajdzie, console::run() pokazuje `* no user named <nick>` przez hub.show(); użytkownikom nie wysyłaj nic
kick-any-case =
    .checks = na konsoli `/kick BOB` wyrzuca boba: nicki i tu porównuje się bez względu na wielkość liter
    .hint = Hub::kick() szuka użytkownika po nick_key(nick), jak join(), a nie po nicku tak, jak go wpisano
user-cannot-kick =
    .checks = `/kick` od użytkownika dostaje `ERROR only the admin can kick` i nikt nie zostaje wyrzucony
    .hint = wyrzucać może tylko konsola; /kick od użytkownika to błąd tylko dla tego użytkownika
duplicate-nick =
    .checks = nick, który jest już zajęty (bez względu na wielkość liter w każdym alfabecie: `ŁUCJA` to `Łucja`, i na spacje wokół niego), dostaje `ERROR nick taken`, a klient może spróbować innego
    .hint = najpierw obetnij spacje, porównuj nicki małymi literami (to_lowercase, nie to_ascii_lowercase), a sprawdzenie i wstawienie rób pod jedną blokadą
nick-race =
    .checks = dziesięć połączeń wysyła ten sam nick w tej samej chwili: dokładnie jedno dostaje `WELCOME`, pozostałe dziewięć `ERROR nick taken` (dziewięć razy, za każdym razem z nowym nickiem)
    .hint = sprawdź, czy nick jest wolny, i wstaw go pod jedną blokadą (Hub::join()), nie puszczając jej pomiędzy
reserved-nick =
    .checks = `Admin`, `admin`, `SERVER` i `  admin ` są odrzucane z `ERROR nick taken`, żeby nikt nie mógł udawać admina
    .hint = najpierw obetnij spacje, potem odrzucaj admin i server bez względu na wielkość liter
invalid-nick =
    .checks = pusty nick, nick ze spacją, 17-znakowy, z sekwencjami sterującymi i z `;` dostają `ERROR invalid nick`; `Zażółć` i `x_y-2` są przyjmowane
    .hint = od 1 do 16 znaków, każdy spełnia char::is_alphanumeric() albo jest _ lub -
nick-length =
    .checks = nicki z 9 i z 16 znaków są przyjmowane, także `Zażółćgęśląjaźń1` (16 znaków, 25 bajtów)
    .hint = nick ma od 1 do 16 znaków (MAX_NICK), liczonych przez chars().count(), a nie w bajtach
nick-spaces =
    .checks = `  ola  ` (spacje przed i po) jest przyjmowany jako `ola`
    .hint = zrób trim() linii z nickiem przed sprawdzeniem (register())
list =
    .checks = `/list` odpowiada `* users: <nick>, <nick>, ...` ze wszystkimi użytkownikami, tylko pytającemu
    .hint = zbierz nicki pod blokadą i wyślij linię tylko temu użytkownikowi
unknown-command =
    .checks = `/dance now` dostaje `ERROR unknown command` (tylko nadawca); nic nie jest rozsyłane
    .hint = parse_user_line(): pierwsze słowo zaczynające się od /, które nie jest /list, /quit ani /kick, to UserCommand::Unknown; read_commands() odpowiada na nie says::UNKNOWN_COMMAND
empty-line =
    .checks = pusta linia, linia z samych spacji i linia z samych znaków sterujących nie są rozsyłane
    .hint = parse_user_line(): najpierw oczyść linię, potem linia bez żadnego słowa (split_whitespace) to UserCommand::Empty, które read_commands() pomija
console-list =
    .checks = na konsoli `/list` pokazuje na konsoli `* users: <nick>, ...` ze wszystkimi użytkownikami i nic nie wysyła użytkownikom
    .hint = console::run(): ConsoleCommand::List -> hub.show(&says::users(&hub.nicks()))
console-unknown-command =
    .checks = na konsoli `/dance`, `/dance now`, `/kick` bez nicka i `/` pokazują na konsoli każde `* unknown command /<command>` i nic nie wysyłają użytkownikom
    .hint = parse_console_line(): każde inne /słowo to ConsoleCommand::Unknown; console::run() pokazuje je przez hub.show(), nie jest wysyłane jako wiadomość admina
many-users =
    .checks = 50 użytkowników połączonych naraz dostaje wiadomość
    .hint = wątek na użytkownika (albo na połączenie), żeby nikt na nikogo nie czekał
abrupt-disconnect =
    .checks = gdy połączenie użytkownika po prostu się zamyka (bez /quit), jego wyjście jest ogłaszane dokładnie raz
    .hint = koniec strumienia i błędy odczytu też kończą pętlę użytkownika; ogłaszaj wyjście tylko w jednym miejscu
come-and-go =
    .checks = 100 użytkowników dołącza i wychodzi (`/quit`, zamknięte połączenie albo zamknięcie przed podaniem nicka): potem serwer nie ma otwartych więcej gniazd niż przedtem
    .hint = gdy użytkownika już nie ma, muszą zniknąć wszystkie uchwyty jego połączenia (czytającego i piszącego wątku): nie trzymaj listy wszystkich połączeń, z której nic nie jest usuwane
fragments-and-coalesced =
    .checks = nick i wiadomość przychodzące w kawałkach oraz trzy linie w jednym segmencie są obsługiwane linia po linii
    .hint = czytaj przez BufReader utworzony raz na połączenie; jedno recv() to nie jedna linia
long-line =
    .checks = linia dokładnie 1024-bajtowa jest rozsyłana w całości (także zakończona `\r\n`); linia 2000-bajtowa i 600 `ż` (1200 bajtów) dostają `ERROR line too long`, nie są rozsyłane, a połączenie zostaje
    .hint = linia dłuższa niż limit nie może być czytana w całości ani stać się dwiema wiadomościami: spójrz, jak serwer czyta linię
    .hint-2 = czytanie linii: ogranicz, ile może przeczytać jedna linia (Read::take), a gdy limit zostanie osiągnięty, pomiń resztę tej linii przed następną
    .hint-3 = czytaj najwyżej 1024 bajty (+ koniec linii) na linię przez Read::take, a resztę linii pomiń
invalid-utf8 =
    .checks = linia z bajtami, które nie są UTF-8, jest rozsyłana z U+FFFD w ich miejscu, a połączenie zostaje
    .hint = String::from_utf8_lossy zamiast błędu, który kończy połączenie
escapes-stripped =
    .checks = znaki sterujące (sekwencje ANSI, dzwonek, backspace) są usuwane przed rozesłaniem wiadomości: nie dostaje ich ani inny użytkownik, ani konsola
    .hint = usuń każdy znak, dla którego char::is_control() jest prawdą
slow-reader =
    .checks = gdy jeden użytkownik nic nie czyta, dwóch innych wymienia wiadomości i dostaje wszystkie, w kolejności, bez zwłoki: 1 MiB więcej, odkąd jądro pokazuje, że gniazdo serwera do tamtego użytkownika nic nie przyjmuje, a jeśli nie, więcej, niż jądro może zbuforować (maksimum net.ipv4.tcp_wmem i jeszcze 1 MiB)
    .hint = nigdy nie pozwól, żeby pełne gniazdo jednego użytkownika zatrzymało innych: daj każdemu ograniczoną kolejkę i wątek piszący, którego send() ma limit czasu (set_write_timeout), i odłącz użytkownika, którego gniazdo nie przyjmie wysłania w ciągu sekundy
slow-reader-dropped =
    .checks = użytkownik, który nic nie czyta, zostaje rozłączony, a jego wyjście ogłoszone, zanim wyśle się do niego 8 MiB
    .hint = użytkownik, który nic nie czyta, nigdy nie został odcięty: linie do niego piętrzyły się albo czat czekał na niego bez końca
    .hint-2 = spójrz na send() w wątku piszącym: bez limitu czasu blokuje się na zawsze, gdy bufory tego użytkownika są pełne; i czy kolejka każdego użytkownika jest ograniczona, żeby nic nie piętrzyło się bez końca?
    .hint-3 = ogranicz każdą skrzynkę (sync_channel) i daj send() w wątku piszącym termin (set_write_timeout, WRITE_STALL); gdy minie, zamknij gniazdo (shutdown): wątek czytający się kończy, a wyjście użytkownika zostaje ogłoszone
half-line =
    .checks = użytkownik, który wysłał pół linii (`hel`, bez znaku nowej linii), nikogo nie wstrzymuje; reszta (`lo\n`) jest rozsyłana jako jedna wiadomość `hello`
    .hint = czytaj każdego użytkownika w jego własnym wątku (albo trzymaj bufor na użytkownika i działaj tylko na pełnych liniach): nigdy nie czekaj na znak nowej linii jednego użytkownika, gdy inni rozmawiają
kick-not-reading =
    .checks = użytkownik, który nic nie czyta i ma pełne bufory, i tak zostaje szybko rozłączony, gdy admin go wyrzuci
    .hint = wątek piszący wyrzuconego użytkownika może utknąć w send(): daj send() limit czasu (set_write_timeout) albo zrób shutdown() gniazda przy wyrzucaniu
kick-rejoin =
    .checks = użytkownik wyrzucony, gdy nic nie czytał, od razu dołącza znowu pod tym samym nickiem i zostaje na czacie, gdy serwer zamyka stare połączenie (żadnego `* slow left`)
    .hint = gdy połączenie się kończy, usuń tylko jego własnego członka (porównaj id, jak Hub::leave()), a nie tego, kto ma ten nick w tej chwili
console-not-read =
    .checks = gdy nikt nie czyta konsoli serwera (stdout to pełny potok), użytkownicy wymieniają 600 KB wiadomości i dostają je wszystkie bez zwłoki
    .hint = czat nigdy nie czeka na konsolę: Console::show() wstawia linię do kolejki albo liczy ją jako pominiętą, nigdy nie czeka
server-host =
    .checks = z `--host 127.0.0.1` serwer nasłuchuje tam i nigdzie indziej: linia gotowości pokazuje 127.0.0.1, a inny adres pętli zwrotnej (127.x.y.z) odmawia połączenia
    .hint = zrób bind() na adres podany w --host, nie na 0.0.0.0, i wypisz adres, na którym nasłuchujesz
client-incoming =
    .checks = klient wysyła swój nick i pokazuje każdą linię, która przychodzi, gdy nic nie jest wpisywane, dokładnie tak, jak przyszła (także linię 1051 bajtów, także zakończoną `\r\n`), bez jej znaków sterujących
    .hint = klient ma wypisywać to, co przychodzi, gdy użytkownik pisze albo nie pisze wcale: spójrz, na co czeka
    .hint-2 = klawiatura i połączenie potrzebują każde własnego wątku (inaczej klient stoi w jednym odczycie, gdy w drugim są nowości)
    .hint-3 = client::join() wysyła nick; potem run() uruchamia forward_keyboard() we własnym wątku i wypisuje to, co przychodzi, przez print_incoming(): żadne z nich nie może czekać na drugie
client-typing =
    .checks = klient wysyła każdą wpisaną linię, `/quit`, gdy skończy się jego wejście, a gdy serwer zamknie połączenie, mówi to na stderr (dowolnymi słowami) i kończy się kodem 0
    .hint = przekazuj linie ze stdin do gniazda; na końcu stdin wyślij /quit; zakończ, gdy gniazdo dojdzie do końca strumienia
client-asks-nick =
    .checks = bez `--nick` klient czyta nick ze swojego stdin i wysyła go jako pierwszy; zachęta idzie na stderr (`WELCOME dora` to osobna linia na stdout)
    .hint = jeśli nie ma --nick, przeczytaj jedną linię ze stdin (z zachętą na stderr) i wyślij ją jako nick
client-nick-taken =
    .checks = po `ERROR invalid nick`, i znowu po `ERROR nick taken`, klient prosi o inny nick (zachęta na stderr) i go wysyła
    .hint = na odpowiedź ERROR na nick przeczytaj nowy nick ze stdin i wyślij go
client-kicked =
    .checks = klient wypisuje komunikat o wyrzuceniu, a gdy serwer zamknie połączenie, mówi to na stderr (dowolnymi słowami) i kończy się kodem 0
    .hint = koniec strumienia od serwera to normalne zakończenie: wypisz komunikat i zakończ z kodem 0

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

# Wskazówki dla konkretnych błędów (CONSOLE_BLOCKS w lab03.rs)
hint-console-blocks = czat stanął, gdy nikt nie czytał konsoli serwera: coś w drodze do konsoli na nią czeka
    .level-2 = spójrz, jak linia trafia do konsoli: deliver() przekazuje ją pod blokadą huba, przy każdej linii; zapis na stdout czeka tam na czytelnika, a send() do ograniczonej kolejki konsoli też czeka, gdy wątek drukujący utknął, a kolejka jest pełna
    .level-3 = w Console::show() użyj try_send(): gdy zwróci TrySendError::Full, dolicz linię do `missed` i idź dalej; nigdy nie pisz na stdout z deliver()

# Wskazówki wspólne kilku laboratoriom (checker/src/labs/common.rs)
hint-listens-everywhere = serwer odpowiedział pod innym adresem niż ten, który mu podano: nasłuchuje na wszystkich adresach maszyny
    .level-2 = spójrz na adres podany do bind(): 0.0.0.0 (albo [::]) to wszystkie adresy; adres do bind() to --host
    .level-3 = bind((host, port)) z podanym --host, np. TcpListener::bind((host.as_str(), port)), nigdy 0.0.0.0
hint-ready-line-address = linia gotowości pokazuje inny adres niż ten, na którym serwer miał nasłuchiwać: robi bind() na inny adres albo wypisuje inny, niż ten, na który zrobił bind()
    .level-2 = zrób bind() na adres z --host (nie 0.0.0.0) i wypisz adres, który gniazdo nasłuchujące naprawdę ma, gdy bind() już się udało: listener.local_addr()
    .level-3 = bind() na --host, potem println!("listening on {"{"}{"}"}", listener.local_addr()?)
