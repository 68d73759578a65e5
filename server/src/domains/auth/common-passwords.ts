/**
 * Passwords and password stems that people pick most, compiled for Parta
 * from the usual patterns (keyboard walks, names, clubs, cities, «пароль»)
 * with Russian and Tatar favourites. Compared after `canonical()` in
 * password-rules.ts, so Cyrillic ones also catch the same keys typed in the
 * Latin layout («gfhjkm» for «пароль») and the other way round.
 *
 * A stem is matched with digits and signs around it stripped: «natasha1985!»
 * and «123qwerty» are both caught by their stem.
 */
export const commonPasswords = `
password passw0rd p@ssw0rd p@ssword pass passwd parol parol1 pasword paroll secret qwerty qwertyu
qwertyui qwertyuiop qwertz azerty asdf asdfg asdfgh asdfghj asdfghjk asdfghjkl zxcv zxcvb zxcvbn
zxcvbnm qazwsx qazwsxedc qazxsw zaq1xsw2 1qaz2wsx zaq12wsx 1q2w3e 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y
q1w2e3r4 q1w2e3r4t5 qweasd qweasdzxc qwe123 asdasd zxczxc qweqwe qwaszx ytrewq abc abcd abcde
abcdef abcdefg abcdefgh iloveyou iloveu loveyou lovely love admin administrator root toor user guest
test tester testing welcome letmein changeme default master monkey dragon shadow sunshine princess
superman batman spiderman michael charlie jennifer jordan hunter trustno1 whatever freedom computer
internet starwars pokemon summer winter spring autumn killer soccer football baseball hockey
basketball ranger buster tigger ginger pepper cookie banana chocolate flower orange purple matrix
maverick mustang harley corvette ferrari porsche mercedes samsung nokia google yandex mailru apple
iphone android microsoft windows linux school teacher student parent parents family parta russia
rossiya moscow moskva kazan kazan1 tatarstan tatar spartak zenit rubin cska dinamo lokomotiv
barcelona realmadrid chelsea arsenal liverpool juventus natasha natali natalia natalya tatiana
tatyana tanya tanechka svetlana sveta olga olya elena lena lenochka irina ira marina anna anya
anastasia nastya nastena ekaterina katya katerina maria masha mariya julia yulia yuliya oksana
alexander aleksandr alexandr alex sasha sashka sergey serega sergei andrey andrei dmitry dmitriy
dima alexey aleksey vladimir vova volodya ivan vanya nikita maxim maksim artem artyom denis pavel
pasha roman roma igor oleg ruslan rustam rustem timur marat ilnur ilnar aidar aynur ainur alsu
aigul gulnara guzel liliya lilia dinara ilsur azat almaz radik rinat renat kitten kitty kotik
kotenok zaika zayka solnyshko solnce lyubov lubov privet hello hellohello angel angela angelina
nicole daniel thomas robert andrew joshua matthew jessica ashley amanda michelle diamond silver golden
gold money dollar business success victory freedom1 forever friends mother father mama papa
mamapapa babushka dedushka sobaka koshka zvezda zvezdochka medved medvedik vkontakte odnoklassniki
пароль парол пасворд йцукен йцукенг йцукенгш йцукенгшщз фывапр фывапролд ячсмит ячсмить
любовь любимая любимый солнышко солнце котик котенок зайка зайчик привет наташа наталья
татьяна таня светлана света ольга оля елена лена ирина ира марина анна аня анастасия настя
екатерина катя мария маша юлия оксана александр саша сергей андрей дмитрий дима алексей
владимир иван никита максим артем артём денис павел роман игорь олег руслан рустам тимур марат
айдар алсу айгуль гульнара лилия динара казань татарстан россия москва спартак зенит рубин
школа учитель ученик мама папа бабушка дедушка собака кошка звезда медведь ангел
12345678 123456789 1234567890 0123456789 0987654321 987654321 87654321 11111111 00000000
12341234 12344321 11223344 112233 121212 123123 123321 654321 666666 696969 777777 7777777
147258369 159753 159357 741852963 789456123 123654789 147852369 951753 852456 13579 24680 2468
`
  .split(/\s+/)
  .filter(Boolean);
