/**
 * Passwords of 10 or more characters that appear near the top of every published leak list, plus German
 * and local variants. Short by design (it ships to the browser with the forms): the length rule already
 * rejects the far larger set of short ones. Compared lower-case.
 */
const LIST = `
1234567890 0123456789 12345678910 123456789a 123456789q 1234567890q 1q2w3e4r5t 1q2w3e4r5t6y 1qaz2wsx3edc
qwertyuiop qwertzuiop qwertyuiop1 qwertzuiop1 asdfghjkl1 asdfghjklö yxcvbnm123 zxcvbnm123 qwerty12345
qwerty123456 qwertz12345 qwertz123456 asdfasdfasdf qweasdzxc123 1qaz2wsx3edc4rfv 0987654321 9876543210
1111111111 0000000000 2222222222 5555555555 7777777777 9999999999 1212121212 1234512345 1122334455
abcdefghij abcdefghijk abcd123456 abc1234567 abcdef1234 a123456789 aa12345678 password12 password123
password1234 password12345 password123! password!1 passwort12 passwort123 passwort1234 passwort123!
passwort2024 passwort2025 passwort2026 password2024 password2025 password2026 mypassword1 mypassword123
iloveyou12 iloveyou123 ichliebedich ichliebedich1 ichliebedich123 hallo12345 hallo123456 hallohallo
hallowelt123 helloworld helloworld1 helloworld123 welcome123 welcome1234 willkommen willkommen1
willkommen123 letmein123 letmein1234 trustno1234 football123 fussball123 fußball123 fussball1234
schalke04schalke schalke1904 schalke0404 borussia09 borussiadortmund dortmund09 bvb09bvb09 gelsenkirchen
gelsenkirchen1 gelsenkirchen123 deutschland deutschland1 deutschland123 deutschland2024 nordrhein
sommer2024 sommer2025 sommer2026 winter2024 winter2025 winter2026 fruehling2025 herbst2025 januar2025
dezember2025 baseball123 basketball basketball1 superman123 batman1234 starwars123 pokemon123
princess12 princess123 sunshine12 sunshine123 sonnenschein sonnenschein1 schmetterling blumenwiese
mausi12345 schatz12345 schatzi1234 hase123456 engel12345 master1234 computer12 computer123
internet123 administrator admin12345 admin123456 adminadmin root123456 changeme123 changeme1234
geheim1234 geheim12345 geheimnis1 geheimnis123 passwort passwort1! test123456 test1234567 testtest123
testpasswort qwer1234qwer zaq12wsxcde 1q2w3e4r1q2w3e4r michael123 thomas1234 andreas123 stefan1234
christian1 christian123 alexander1 alexander123 katharina1 annalena123 jennifer123 jessica123
charlie123 jordan2323 michelle123 daniel1234 nicole1234 sabrina123 monkey1234 dragon1234 shadow1234
miteinander miteinander1 miteinander123 miteinander! ehrenamt123 ehrenamtlich verein12345
vereinsheim volunteer1 volunteer123 integration integration1
`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}
