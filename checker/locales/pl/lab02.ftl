# Lab 02 (papier, nożyce, kamień) in Polish: one message per test of
# checker/src/labs/lab02.rs, named as the test, with what it checks
# (.checks) and where to look when it fails (.hint).

lab02-title = papier, nożyce, kamień dla dwóch graczy

welcome-wait-start =
    .checks = pierwszy gracz dostaje `WELCOME 1` i `WAIT`, drugi `WELCOME 2`; potem obaj dostają `START 3` i `ROUND 1`
    .hint = pierwszego gracza z pary trzymaj w oczekiwaniu (WELCOME 1, WAIT); gdy połączy się drugi: WELCOME 2, a potem START <wins> i ROUND 1 do obu
    .hint-2 = w serve() pierwszy przyjęty gracz dostaje powitanie i czeka, aż połączy się drugi; wątek gry (play(), potem Game::run()) zaczyna od START i ROUND 1 do obu
    .hint-3 = serve(): wyślij pierwszemu says::welcome(1) i says::WAIT i zachowaj jego strumień (w Option); przy następnym accept() wyślij says::welcome(2), potem thread::spawn z game::play([first, second], wins), którego run() wysyła says::start(wins) i says::round(1)
full-game =
    .checks = cała gra do 3 wygranych z remisami po drodze: rundy numerowane dalej także po remisach, każdy RESULT, `GAME OVER WIN`/`LOSE` z wynikiem, potem oba połączenia zamknięte
    .hint = remis nie daje punktu, a następna runda ma następny numer; gra kończy się, gdy gracz ma --wins wygranych rund (nie 2 i nie liczba rund)
    .hint-2 = Game::run() numeruje rundy i liczy wygrane: sprawdź, co remis robi z numerem rundy i z wynikiem, kiedy kończy się pętla i czy play() zamyka oba połączenia po GAME OVER
    .hint-3 = number += 1 po każdej rundzie, także po remisie; punkt dostaje tylko zwycięzca rundy; pętla trwa, dopóki oba wyniki są mniejsze niż wins; potem says::game_over(self.score_of(who)) do każdego gracza i close() obu połączeń
result-lines =
    .checks = z `--wins 5` (`START 5`) wszystkie dziewięć par wyborów daje każdemu graczowi dokładnie `RESULT <twój> <przeciwnika> <WIN|LOSE|DRAW> <twoje>:<przeciwnika>`, a przy 3:3 gra toczy się dalej
    .hint = papier bije kamień, nożyce biją papier, kamień bije nożyce; każdy gracz widzi najpierw swój wybór i swój wynik
    .hint-2 = linia RESULT powstaje dla każdego gracza z jego punktu widzenia: sprawdź, który wybór i który wynik są pierwsze w linii, którą dostaje gracz 2
    .hint-3 = dla who w 0..2 wyślij says::result(choices[who], choices[1 - who], self.score_of(who)) tylko graczowi who; rundę rozstrzyga Choice::beats()
invalid-choice =
    .checks = każdy rodzaj linii, która nie jest wyborem, w każdym przebiegu (słowa takie jak `banana`, `papierr`, `kamie`, `rock paper`, pierwsza litera `p` `n` `k` `r` `s`, liczba, same spacje, pusta linia, samo `\r`, bajty, które nie są UTF-8), dostaje `ERROR <powód>` tylko do tego gracza, raz na linię; runda trwa dalej i rozstrzyga ją następny poprawny wybór
    .hint = po linii, która nie jest wyborem, runda ma trwać, jakby nic się nie stało, dla obu graczy: spójrz, co robi gra po takiej linii
    .hint-2 = tam, gdzie gra czyta linię gracza i Choice::parse() się nie udaje: odpowiedz tylko temu graczowi i czekaj na jego następną linię w tej samej rundzie
    .hint-3 = odpowiedz temu graczowi NOT_A_CHOICE i dalej czekaj na jego wybór w tej samej rundzie (bez nowego ROUND, nic do przeciwnika)
aliases-and-case =
    .checks = `PAPER`, `Nożyce`, `NOŻYCE`, `nozyce`, `SCISSORS`, `KAMIEŃ`, `kamien`, `Rock` i podobne, a także wybory ze spacjami wokół (`  papier  `), są przyjmowane, a RESULT podaje je w postaci kanonicznej (papier, nożyce, kamień)
    .hint = wybór zapisany inaczej nie został zrozumiany: spójrz, jak serwer zamienia linię na wybór
    .hint-2 = w Choice::parse(): co jest obcinane, jak zmieniana jest wielkość liter (polskie litery to nie ASCII), jakie pisownie są przyjmowane
    .hint-3 = Choice::parse(): trim(), potem to_lowercase() (nie to_ascii_lowercase: Ż i Ń to nie ASCII), potem porównaj z każdą przyjmowaną pisownią; RESULT używa Choice::name()
second-chooses-first =
    .checks = gracz 2 wybiera pierwszy, a gracz 1 chwilę później: RESULT podaje każdemu graczowi jego własny wybór
    .hint = RESULT każdego gracza ma zaczynać się od jego własnego wyboru, niezależnie od tego, kto wybrał pierwszy: spójrz, jak gra zapamiętuje, kto co wybrał
    .hint-2 = w Game::choose() wybór jest zapamiętany w kolejności nadejścia (pierwszy, drugi), a nie przy graczu, który go wysłał
    .hint-3 = trzymaj każdy wybór przy graczu, który go zrobił (choices[who] = Some(choice), who z Event::Line(who, ..)), a nie w kolejności nadejścia
send-ahead =
    .checks = gracz 1 wysyła trzy różne wybory w jednym zapisie; są brane po kolei, po jednym na rundę
    .hint = wybory wysłane z wyprzedzeniem, kilka w jednym zapisie, mają być rozegrane po jednym na rundę, po kolei: spójrz, co dzieje się z liniami po pierwszej
    .hint-2 = read_player() i Game::next_line(): BufReader tworzony od nowa dla każdej linii gubi to, co przeczytał z wyprzedzeniem, a linia od gracza, który już wybrał, ma poczekać na następną rundę
    .hint-3 = jeden BufReader na połączenie przez cały jego czas; linia od gracza, który już wybrał, trafia do queued[who].push_back() na następną rundę, a nie jest wyrzucana, a next_line() najpierw bierze linie z kolejki
no-leak =
    .checks = osiem gier naraz, w rundzie 1: w sześciu jeden gracz już wybrał (każdy wybór, w obie strony), w dwóch nikt; gracz, który nie wybrał, nic nie dostaje, dopóki sam nie wybierze; ERROR, który potem dostaje za linię niebędącą wyborem, jest taki sam we wszystkich czterech grach jego strony (nic nie mówi o przeciwniku); potem RESULT
    .hint = nie wysyłaj nic o wyborze, dopóki obaj gracze nie wybiorą, a powód w ERROR buduj tylko z własnej linii gracza; dopiero wtedy RESULT do obu
    .hint-2 = w Game::choose(), dopóki brakuje wyboru, do żadnego gracza nie może iść nic poza ERROR dla tego, czyja linia nie była wyborem, a jego treść nie może zależeć od przeciwnika
    .hint-3 = w choose() zapamiętaj poprawny wybór i nic nie wysyłaj; na linię, która nie jest wyborem, odpowiedz says::NOT_A_CHOICE, tak samo bez względu na to, co zrobił przeciwnik; linie RESULT wyślij dopiero, gdy są oba wybory
walkover =
    .checks = po rundzie wygranej 1:0 gracz 2 się rozłącza, gdy gracz 1 jeszcze nie wybrał: gracz 1 od razu dostaje `GAME OVER WIN 1:0 WALKOVER` i zostaje rozłączony; w drugiej grze rozłącza się gracz 1, a gracz 2 dostaje `GAME OVER WIN 0:1 WALKOVER`
    .hint = gracz wyszedł, a drugi nie dowiedział się od razu: gra musi zauważyć wyjście któregokolwiek gracza, gdy czeka na wybory
    .hint-2 = spójrz, jak gra czeka na dwa wybory: czekanie w read_line() jednego gracza nie widzi, że wyszedł drugi
    .hint-3 = czekaj na obu graczy naraz (wątek czytający na każdego gracza, wysyłający do jednego kanału), nigdy w read_line() na jednym graczu, a potem na drugim; Event::Gone kończy grę
walkover-after-choosing =
    .checks = gracz 1 wysyła wybory na trzy rundy w jednym zapisie i się rozłącza: gracz 2, który nie wybrał, od razu dostaje `GAME OVER WIN 0:0 WALKOVER` (bez RESULT); w drugiej grze gracz 2 wybiera i się rozłącza, a gracz 1 od razu dostaje `GAME OVER WIN 1:0 WALKOVER`
    .hint = gracz, który wychodzi, kończy grę wtedy, gdy wychodzi, a nie wtedy, gdy potrzebna jest jego następna linia: to, co wysłał przed wyjściem, nie jest rozgrywane
    .hint-2 = Game::next_line(): Event::Gone gracza, który wyszedł, przychodzi kanałem po jego liniach i ma zakończyć grę także wtedy, gdy gra czeka tylko na drugiego gracza
    .hint-3 = reaguj na Event::Gone(who), na kogokolwiek czekasz: od razu zwróć Err(Left(who)) i wyrzuć to, co wysłał z wyprzedzeniem (queued[who]); drugi gracz dostaje says::walkover(score)
second-pair =
    .checks = gdy trzy gry czekają w rundzie 1, łączy się dwóch kolejnych graczy i rozgrywa całą własną grę; potem trzy czekające gry toczą się dalej
    .hint = nowa para nie mogła grać, gdy inne gry czekały na swoich graczy: gry muszą toczyć się obok siebie, żadna nie czeka na inną
    .hint-2 = spójrz, co gry współdzielą: blokadę trzymaną, gdy gra czeka na linię, albo jeden wątek obsługujący gry po kolei
    .hint-3 = daj każdej parze własny wątek (thread::spawn(game::play)) i od razu wróć do accept()
half-line =
    .checks = gracz, który wysłał pół wyboru (`pap`, bez znaku nowej linii), nie wstrzymuje żadnej innej gry; potem `ier\n` dopełnia go do `papier`
    .hint = pół linii od jednego gracza wstrzymało inne gry: gra czeka na linie swoich graczy, nie każąc czekać nikomu innemu
    .hint-2 = poszukaj miejsca, w którym serwer czeka na koniec linii: odczytu, który blokuje, trzymając blokadę, albo jednego wątku czytającego wszystkich graczy po kolei
    .hint-3 = czytaj każdego gracza w osobnym wątku i nigdy nie trzymaj blokady wspólnej z innymi grami, czekając na koniec linii
next-game =
    .checks = po zakończonej grze dwaj następni gracze, którzy się połączą, to `WELCOME 1` i `WELCOME 2` nowej gry
    .hint = po sparowaniu dwóch graczy zacznij od nowa: następne połączenie to pierwszy gracz nowej pary
    .hint-2 = serve(): sprawdź, co pętla accept pamięta, gdy gra pary już ruszyła: czekającego gracza trzeba z niej zabrać, a licznik połączeń, który tylko rośnie, daje graczy 3 i 4
    .hint-3 = gdy przychodzi drugi gracz, zabierz pierwszego (waiting.take()) i uruchom ich grę; pętla zaczyna wtedy od nowa bez czekającego gracza, więc następny przyjęty dostaje says::welcome(1) i WAIT
garbage =
    .checks = linia 100 KB losowych bajtów i linia z niepoprawnym UTF-8 dostają po jednym `ERROR`; potem runda trwa dalej
    .hint = bardzo długa linia albo linia, która nie jest w UTF-8, dostaje po jednym ERROR i nie zmienia niczego więcej: spójrz, co serwer robi z takimi liniami
    .hint-2 = sprawdź, jak read_player() czyta linię: BufRead::lines() albo read_line() do String kończy się błędem na bajtach, które nie są UTF-8 (i zamyka połączenie gracza), a linię dowolnej długości trzyma w całości
    .hint-3 = czytaj przez protocol::read_line(): najwyżej MAX_LINE bajtów na linię (Read::take), resztę pomiń, String::from_utf8_lossy zamiast błędu, który kończy połączenie; na Line::TooLong odpowiedz says::LINE_TOO_LONG
crlf =
    .checks = `papier\r\n` i `KAMIEŃ\r\n` (tak wysyłają nc -C i telnet) to wybory
    .hint = wybory wysłane przez nc -C albo telnet kończą się \r\n i nadal są wyborami: spójrz, co zostaje na końcu linii, gdy już jest przeczytana
    .hint-2 = tam, gdzie read_player() czyta linię: \r przed \n też musi zniknąć, zanim Choice::parse() zobaczy linię
    .hint-3 = usuń z końca \r tak samo jak \n (strip_suffix('\r')), tak jak robi to protocol::read_line()
fragments =
    .checks = wybór, który przychodzi w kawałkach (`pa`, `pi`, `er\n`), to jeden wybór
    .hint = wybór, który przychodzi w kilku kawałkach, to nadal jeden wybór: spójrz, jak serwer ustala, że linia jest cała
    .hint-2 = jedno recv() może zwrócić część linii: read() do bufora wzięte w całości jako linia widzi `pa` jako linię
    .hint-3 = czytaj do znaku nowej linii przez BufReader utworzony raz na połączenie (read_until, tak jak protocol::read_line()), nigdy jednego read() jako jednej linii
server-host =
    .checks = z `--host 127.0.0.1` serwer nasłuchuje tam i nigdzie indziej: linia gotowości pokazuje 127.0.0.1, a inny adres pętli zwrotnej (127.x.y.z) odmawia połączenia
    .hint = serwer ma nasłuchiwać pod adresem podanym w --host i nigdzie indziej, a jego linia gotowości ma pokazywać ten adres
    .hint-2 = main.rs składa adres z --host i --port i przekazuje go do open_listener(): sprawdź, jaki adres trafia do bind(), a jaki wypisuje linia gotowości
    .hint-3 = zrób bind() na adres podany w --host, nie na 0.0.0.0, i wypisz adres, na którym nasłuchujesz (listener.local_addr())
client-choice =
    .checks = klient wysyła wybór wpisany jako `NOŻYCE`, `rock` itp., gdy `ROUND` o niego prosi, jako linię nazywającą ten sam wybór
    .hint = gdy ROUND o to prosi, klient ma wysłać wybór wpisany przez użytkownika jako jedną linię, która go nazywa
    .hint-2 = client::run(): na Event::Typed (read_keyboard() sprawdziło go już Choice::parse()) wybór idzie do gniazda, gdy ROUND o niego poprosi, razem ze swoim \n
    .hint-3 = wyślij wybór (jego nazwę kanoniczną albo tak, jak go wpisano), a po nim \n, gdy ROUND o niego prosi: stream.write_all() całej linii naraz
client-typo =
    .checks = w rundzie 2 dwie literówki (`papeir`, `kamein`) klient sam odrzuca: za każdą linia na stderr (dowolnymi słowami), żadnej nie wysyła; wysyła następną poprawną linię
    .hint = literówkę ma odrzucić sam klient: linia na stderr, nic nie idzie do serwera, a wyborem jest następna poprawna linia
    .hint-2 = read_keyboard(): wpisana linia, której Choice::parse() nie zna, nie może stać się Event::Typed
    .hint-3 = sprawdź wpisaną linię Choice::parse() przed wysłaniem; przy None powiedz to na stderr (całą linią, eprintln!) i przeczytaj kolejną linię
client-waits-for-round =
    .checks = dwa wybory wpisane przed pierwszym `ROUND`: klient nic nie wysyła, dopóki `ROUND 1` nie poprosi, wtedy pierwszy wybór, a drugi dopiero po `ROUND 2`
    .hint = klient wysłał wybór, zanim serwer o niego poprosił: wybór wpisany wcześniej czeka na swój ROUND
    .hint-2 = client::run(): pamiętaj, czy serwer czeka na wybór (po ROUND albo ERROR), i trzymaj wpisane wybory, dopóki nie czeka
    .hint-3 = trzymaj wpisane wybory w kolejce (VecDeque: push_back() na Event::Typed) i wysyłaj jeden (pop_front()) dopiero, gdy ROUND (albo ERROR) o niego prosi, a nie zaraz po wpisaniu
client-error =
    .checks = po `ERROR <powód>` klient pokazuje powód i wysyła następny wpisany wybór, w tej samej rundzie
    .hint = po ERROR klient ma pokazać jego powód i grać dalej w tej samej rundzie: serwer znów prosi o wybór
    .hint-2 = client::run(): linia zaczynająca się od ERROR prosi o wybór tak samo jak ROUND; describe() ją pokazuje, a następny wpisany wybór, z kolejki albo dopiero wpisywany, idzie do serwera
    .hint-3 = ERROR znów prosi o wybór, tak jak ROUND: wypisz describe(line), potem wyślij następny wpisany wybór (pop_front() albo następne Event::Typed)
client-shows-result =
    .checks = po `RESULT` klient pokazuje w jednej linii wybór przeciwnika i wynik `<twoje>:<przeciwnika>`
    .hint = po RESULT linia, którą pokazuje klient, ma zachować wybór przeciwnika i wynik w takiej postaci, w jakiej przyszły
    .hint-2 = describe(): linia RESULT opisana słowami musi zachować wybór przeciwnika i wynik w takiej postaci, w jakiej przyszły
    .hint-3 = w describe() gałąź RESULT dopasowuje ["RESULT", mine, theirs, outcome, score]: wstaw theirs i score do tekstu bez zmian i wypisz to, co describe() zwraca
client-game-over =
    .checks = klient rozgrywa grę, którą przegrywa 1:3, pokazuje końcowy wynik i kończy się kodem 0, gdy serwer zamknie połączenie po `GAME OVER LOSE 1:3`
    .hint = GAME OVER, wygrana czy przegrana, to zwykły koniec: pokaż go, a gdy serwer zamknie połączenie, zakończ z kodem 0
    .hint-2 = client::run(): po GAME OVER zamknięcie połączenia przez serwer (Event::ServerClosed) ma zakończyć run() przez Ok(()); zwrócony tam błąd sprawia, że main.rs kończy się kodem różnym od zera
    .hint-3 = zapamiętaj, że przyszło GAME OVER (i je wypisz); na Event::ServerClosed po nim zwróć Ok(()), a io::Error tylko wtedy, gdy serwer zamknął połączenie w trakcie gry
client-walkover =
    .checks = gdy klient czeka na wybór, a nic nie wpisano (stdin otwarte), przychodzi `GAME OVER WIN 1:0 WALKOVER` i serwer zamyka połączenie: klient pokazuje wynik i kończy się kodem 0
    .hint = gdy klient czeka, aż użytkownik coś wpisze, to, co przysyła serwer, nadal trzeba pokazać: właśnie wtedy walkower może zakończyć grę
    .hint-2 = client::run(): wątek zablokowany na czytaniu stdin nie słyszy niczego z gniazda; klawiatura i gniazdo potrzebują osobnych wątków, które piszą do jednego kanału
    .hint-3 = czekaj na klawiaturę i na gniazdo naraz (thread::spawn z read_server() i read_keyboard() i jeden kanał, potem pętla na jego recv()), nigdy nie blokuj się na samym czytaniu stdin; walkower to wygrana gra: kod 0
client-input-ends =
    .checks = gdy wejście klienta się kończy, a runda czeka na wybór, klient kończy się kodem 0
    .hint = gdy wejście użytkownika się kończy, a serwer prosi o wybór, klient ma spokojnie zakończyć się kodem 0
    .hint-2 = read_keyboard() wysyła Event::InputEnded na końcu stdin; client::run() ma na nie zareagować, gdy serwer prosi o wybór, a żadnego nie ma
    .hint-3 = na Event::InputEnded zapamiętaj, że wejście się skończyło; gdy serwer prosi o wybór (teraz albo później), a kolejka jest pusta, zwróć Ok(()), więc klient kończy się kodem 0
client-refused =
    .checks = klient, który nie znajdzie serwera, kończy się niezerowym kodem z komunikatem o odmowie połączenia, a nie paniką
    .hint = klient, który nie znajdzie serwera, ma to powiedzieć i zakończyć się kodem różnym od zera, zamiast panikować
    .hint-2 = client::run(): błąd z TcpStream::connect() ma wrócić do main.rs, który go wypisze
    .hint-3 = zwróć błąd connect() przez ? zamiast robić unwrap(); kod w main.rs go wypisze i zakończy program z kodem różnym od zera

## The rules of the handout (rule-<id>: .says)

rule-02-welcome-wait =
    .says = Pierwszy gracz z pary dostaje `WELCOME 1` i `WAIT`, drugi `WELCOME 2`.
rule-02-start-round-1 =
    .says = Gdy para jest pełna, obaj dostają `START <wins>` (`--wins`, domyślnie 3) i `ROUND 1`.
rule-02-nothing-else =
    .says = Serwer wysyła tylko linie protokołu: żadnych powitań, zachęt ani „przeciwnik wybrał”.
rule-02-who-wins =
    .says = `papier` bije `kamień`, `nożyce` biją `papier`, `kamień` bije `nożyce`.
rule-02-draw-next-number =
    .says = Remis nie daje punktu, a runda jest rozgrywana jeszcze raz pod następnym numerem.
rule-02-own-side-first =
    .says = Każdy gracz widzi grę ze swojej strony: najpierw swój wybór i swój wynik.
rule-02-result-canonical =
    .says = `RESULT` trafia do każdego gracza, gdy obaj wybrali, z oboma wyborami w postaci kanonicznej.
rule-02-game-over =
    .says = Po rundzie, która dała graczowi `<wins>` wygranych, każdy dostaje `GAME OVER <WIN|LOSE> <twój wynik>:<wynik przeciwnika>`, a serwer zamyka oba połączenia.
rule-02-no-leak =
    .says = Między `ROUND <n>` a `RESULT` serwer nie wysyła graczowi nic poza `ERROR` za jego własne linie.
rule-02-error-tells-nothing =
    .says = Powód w `ERROR` zależy tylko od własnej linii gracza: nic nie mówi o przeciwniku (ani o jego wyborze, ani o tym, czy już wybrał).
rule-02-spellings-any-case =
    .says = Wybór jest przyjmowany w dowolnej wielkości liter i w każdej pisowni z tabeli (`paper`, `nozyce`, `scissors`, `kamien`, `rock`).
rule-02-spaces-around =
    .says = Spacje wokół wyboru są pomijane (`  papier  ` to `papier`).
rule-02-nothing-else-is-a-choice =
    .says = Żadna inna linia nie jest wyborem: ani pierwsza litera (`p`, `k`), ani słowo, które tylko zaczyna się jak wybór (`papierr`), ani dwa słowa, ani liczba, ani pusta linia.
rule-02-error-per-line =
    .says = Linia, która nie jest wyborem, dostaje `ERROR <powód>`, tylko do tego gracza, raz na linię; gracz wybiera jeszcze raz, a runda trwa dalej.
rule-02-long-line =
    .says = Linia dłuższa niż 1024 bajty jest doczytywana do końca i wyrzucana, i dostaje jeden `ERROR`; bajty, które nie są UTF-8, dostają `ERROR` i nie kończą połączenia.
rule-02-crlf =
    .says = `\r` przed `\n` jest pomijane.
rule-02-line-in-pieces =
    .says = Linia jest linią dopiero, gdy przyszło jej `\n`, w ilu by kawałkach nie przyszła; pół linii gracza nie wstrzymuje żadnej innej gry.
rule-02-send-ahead =
    .says = Gracz może wysyłać z wyprzedzeniem: linie są brane po kolei, po jednej na rundę; linia wysłana po wyborze czeka na następną rundę.
rule-02-walkover-at-once =
    .says = Gracz, który się rozłącza, od razu kończy swoją grę, w każdej rundzie i czy już wybrał, czy nie: drugi dostaje `GAME OVER WIN <wynik> WALKOVER` i zostaje rozłączony.
rule-02-leaver-lines-not-played =
    .says = Linie wysłane z wyprzedzeniem przez tego, kto wyszedł, nie są rozgrywane: gracz, który wysyła wybory z wyprzedzeniem i wychodzi, zanim drugi wybrał, daje drugiemu od razu walkower, bez rozegranej rundy.
rule-02-games-side-by-side =
    .says = Każda dwójka graczy, która się połączy, gra własną grę, równolegle z dowolną liczbą innych.
rule-02-next-game =
    .says = Po grze dwaj następni gracze to `WELCOME 1` i `WELCOME 2` nowej gry.
rule-02-binds-its-host =
    .says = Serwer nasłuchuje na podanym `--host` i nigdzie indziej, a jego linia gotowości pokazuje adres, na którym nasłuchuje.
rule-02-client-dials-its-host =
    .says = Klient łączy się z podanym `--host` i działa, gdy jego stdin jest potokiem.
rule-02-client-refuses-typo =
    .says = Klient sam odrzuca literówkę: mówi to na stderr, czyta kolejną linię i nigdy jej nie wysyła.
rule-02-client-sends-when-asked =
    .says = Klient wysyła poprawny wybór, gdy `ROUND` (albo `ERROR`) o niego prosi, w postaci kanonicznej albo tak, jak go wpisano; wybory wpisane z wyprzedzeniem czekają na swoją rundę.
rule-02-client-shows-error =
    .says = Po `ERROR <powód>` klient pokazuje powód serwera tak, jak przyszedł (na stdout albo stderr), i wysyła następny wpisany wybór.
rule-02-client-shows-result =
    .says = Po `RESULT` klient pokazuje w jednej linii wybór przeciwnika w postaci kanonicznej i wynik jako `<twoje>:<przeciwnika>`.
rule-02-client-shows-game-over =
    .says = Po `GAME OVER` (także walkowerze) klient pokazuje końcowy wynik w ten sam sposób.
rule-02-client-exit-0 =
    .says = Klient kończy się kodem 0 po `GAME OVER`, wygranym, przegranym czy walkowerem, gdy serwer zamknie połączenie.
rule-02-client-hears-server =
    .says = Gdy klient czeka na klawiaturę, nadal słyszy serwer: walkower jest pokazany, a klient kończy działanie, choć nic nie wpisano.
rule-02-client-input-ends =
    .says = Klient kończy się kodem 0, gdy jego wejście się kończy, a serwer prosi o wybór (gracz wyszedł).
rule-02-client-refused =
    .says = Bez serwera klient mówi na stderr, że odmówiono połączenia (słowem `refused`, jak w błędzie systemu), i kończy się niezerowym kodem, bez paniki.

## Messages of the tests

# The game, as the checker knows it
lab02-wrong-result = gracz { $player }: zły RESULT przy { $mine } przeciw { $theirs }
lab02-choice-told = { $conn }: wybór przeciwnika został zdradzony, zanim ten gracz wybrał
lab02-line-arrived = { $conn }: nadeszła linia, { $what }
lab02-nothing-until-chosen = nic, dopóki ten gracz też nie wybierze
lab02-nothing-yet = na razie nic
lab02-before-player-chose = zanim gracz { $player } wybrał
lab02-close-after-game-over = zamknięcie połączenia gracza { $player } przez serwer po GAME OVER

# full-game
lab02-rounds-played =
    { $number ->
        [one] { $number } runda
        [few] { $number } rundy
       *[many] { $number } rund
    }, { $first }:{ $second } dla gracza 1

# invalid-choice, garbage
lab02-an-empty-line = pusta linia
lab02-a-lone-cr = linia z samym \r
lab02-error-for-not-a-choice = ERROR w odpowiedzi na linię, która nie jest wyborem
lab02-not-a-choice-no-error = { $bad } nie jest wyborem, a serwer nie odpowiedział na to ERROR
lab02-error-for = ERROR, bo { $what } nie jest wyborem
lab02-error-reason = "ERROR <powód>"
lab02-no-error = { $what } nie dostała odpowiedzi ERROR

# second-chooses-first, send-ahead, no-leak
lab02-player-2-chose = gracz 2 wybrał; gracz 1 się namyśla
lab02-three-in-one-write = gracz 1 wysyła wybory na trzy rundy w jednym zapisie
lab02-watches-eight-games = osiem gier w rundzie 1; w sześciu jeden gracz wybrał: sprawdzarka patrzy, co dostają pozostali gracze, zanim sami wybiorą
lab02-error-tells = ERROR gracza { $player } za tę samą linię różni się zależnie od tego, co zrobił przeciwnik: mówi coś o przeciwniku
lab02-same-error = ten sam ERROR, czy przeciwnik wybrał papier, nożyce, kamień, czy jeszcze nic

# walkover, second-pair, half-line, next-game
lab02-player-2-disconnects = gracz 2 się rozłącza; gracz 1 nie wybrał (i nie wybierze)
lab02-close-after-walkover = zamknięcie połączenia gracza { $player } przez serwer po walkowerze
lab02-player-1-disconnects = druga gra: gracz 1 się rozłącza; gracz 2 nie wybrał (i nie wybierze)
lab02-three-games-wait = trzy gry czekają w rundzie 1; łączy się dwóch kolejnych graczy
lab02-no-welcome-beside-a-game = gracz, który połączył się, gdy trwała inna gra, nie dostał WELCOME
lab02-sends-ahead-and-leaves = gracz 1 wysyła wybory na trzy rundy w jednym zapisie i się rozłącza; gracz 2 nie wybrał (i nie wybierze)
lab02-chooses-and-leaves = druga gra, wygrana 1:0 przez gracza 1: gracz 2 wybiera i się rozłącza; gracz 1 nie wybrał (i nie wybierze)
lab02-half-a-choice = gracz 1 pierwszej gry wysłał pół wyboru i na tym poprzestaje
lab02-other-games =
    w międzyczasie { $games ->
        [one] rozegrano { $games } inną grę
        [few] rozegrano { $games } inne gry
       *[many] rozegrano { $games } innych gier
    }
lab02-game-over-two-more = gra się skończyła; łączy się dwóch kolejnych graczy

# garbage
lab02-sends-random-bytes = gracz 1 wysyła linię ze 100 000 losowych bajtów
lab02-the-100kb-line = linia 100 KB
lab02-sends-not-utf8 = gracz 1 wysyła linię, która nie jest poprawnym UTF-8
lab02-the-invalid-utf8-line = linia z niepoprawnym UTF-8

# The client's tests
lab02-choice-typed-as = wybór wpisany jako { $typed }
lab02-not-the-typed-choice = klient nie wysłał wyboru, który został wpisany
lab02-a-line-naming = linia z wyborem { $choice } ("{ $choice }" albo przyjmowana pisownia, np. { $typed })
lab02-first-valid-choice = pierwszy poprawny wpisany wybór
lab02-sent-a-typo = klient wysłał linię wpisaną z błędem
lab02-typo-refused = "kamień" (albo "kamien"): literówki papeir i kamein klient odrzuca i nie wysyła
lab02-typed-before-round = dwa wybory wpisane przed jakimkolwiek ROUND: nic nie może zostać wysłane, dopóki ROUND 1 o to nie poprosi
lab02-before-round-1 = zanim ROUND 1 poprosiło o wybór
lab02-line-with-score = linia z wyborem przeciwnika { $theirs } i wynikiem "{ $score }"
lab02-typo-not-said = klient nic nie powiedział na stderr o literówce
lab02-a-line-on-stderr = linia na stderr za każdą literówkę, papeir i kamein (dowolnymi słowami)
lab02-server-says-error = serwer sprawdzarki odpowiada na wybór ERROR: klient musi pokazać jego powód i wysłać następny wpisany wybór
lab02-error-not-shown = klient nie pokazał powodu z ERROR
lab02-a-line-with-reason = linia na stdout albo stderr z powodem { $reason }
lab02-walkover-while-waiting = runda 2 czeka na wybór; nic nie jest wpisane (stdin zostaje otwarte); przeciwnik wychodzi: GAME OVER WIN 1:0 WALKOVER, a serwer zamyka połączenie
lab02-exit-walkover = wygrał walkowerem i serwer zamknął połączenie
lab02-walkover-score = linia z końcowym wynikiem "1:0" po walkowerze
lab02-exit-game-over = gra się skończyła i serwer zamknął połączenie
lab02-no-final-score = klient nie pokazał końcowego wyniku
lab02-final-score = wynik ostatniej rundy 1:3, a potem wynik gry, znowu z 1:3
lab02-input-ends = wejście klienta się kończy (stdin zamknięte), gdy runda 1 czeka na wybór
lab02-exit-input-ended = jego wejście się skończyło, gdy serwer prosił o wybór

# Wskazówki do konkretnych błędów (checker/src/labs/lab02.rs)
hint-accept-busy = gdy trwa gra, serwer nie wita żadnego nowego gracza: musi czytać obu graczy gry i jednocześnie przyjmować nowych; spójrz, co robi pętla accept, gdy już połączy dwóch graczy w parę
    .level-2 = w pętli accept (server.rs) gra toczy się tam, gdzie wywoływane jest accept(): dopóki ta gra się nie skończy (albo nie zwolni się wątek gry), accept() nie zostanie wywołane ponownie
    .level-3 = uruchom każdą grę w osobnym wątku, thread::spawn(move || game::play([first, stream], wins)), bez limitu ich liczby, i od razu wróć do accept()
hint-not-an-error = na linię, która nie jest wyborem, przyszła inna odpowiedź niż ERROR <powód>: ten gracz dostaje jeden ERROR, a runda toczy się dalej bez nowego ROUND
    .level-2 = sprawdź, co Game::choose() wysyła, gdy Choice::parse() odrzuca linię: dokładnie jedną linię, zaczynającą się od ERROR, tylko temu graczowi
    .level-3 = wyślij says::NOT_A_CHOICE graczowi who i czekaj dalej w tej samej pętli: bez ponownego ROUND, nic do przeciwnika
hint-no-answer-to-a-line = linia, która nie jest wyborem, nie dostała odpowiedzi albo zakończyła połączenie: została pominięta albo wzięta za wybór (gra czeka wtedy na przeciwnika); każda taka linia dostaje własny ERROR
    .level-2 = sprawdź, które linie gra bierze za wybór (tylko całe słowa wymienione w instrukcji, nie licząc spacji wokół nich: nie pierwszą literę, nie część słowa, nie pierwsze z dwóch słów) i co robi z pustą linią, samym \r i bajtami, które nie są UTF-8: pominięta linia zostaje bez odpowiedzi, a błąd przy jej czytaniu kończy wątek czytający gracza
    .level-3 = czytaj linie przez protocol::read_line() (niepoprawne UTF-8 staje się U+FFFD), niech Choice::parse() przyjmuje tylko pełne pisownie linii po trim() i zmianie liter na małe, a na każde Line::Text, które odrzuci, odpowiadaj says::NOT_A_CHOICE, także na puste
hint-choice-told = gracz dowiedział się, co wybrał przeciwnik, zanim sam wybrał: o wyborze nie wolno nic wysłać, dopóki obaj gracze nie wybiorą
    .level-2 = sprawdź, co Game::choose() wysyła, gdy przychodzi poprawny wybór: dopóki brakuje drugiego wyboru, żaden gracz nie może dostać o nim żadnej linii
    .level-3 = w choose() tylko zapamiętaj wybór (choices[who] = Some(choice)); linie RESULT wyślij po pętli, gdy są już oba wybory
hint-error-tells = ERROR za tę samą linię był różny zależnie od tego, co zrobił przeciwnik: pozwala graczowi odgadnąć wybór przeciwnika
    .level-2 = sprawdź, jak Game::choose() składa powód w ERROR: może korzystać z własnej linii gracza, nigdy z wyboru przeciwnika ani z tego, czy przeciwnik już wybrał
    .level-3 = na linię, która nie jest wyborem, odpowiadaj jednym stałym tekstem, says::NOT_A_CHOICE, bez względu na to, co zrobił przeciwnik

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
