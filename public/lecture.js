// The lecture's basket script (docs/lecture.md), as the lecture wrote it:
// `var`, `==`, `return null` and `console.log` included. What differs, each
// marked "Not the lecture's" where it is:
//
//  1. The lecture's 20-second example defines loadBasket and setCookie a
//     second time. One script cannot hold two functions of one name, so that
//     copy is loadBasket20Seconds and setCookie20Seconds.
//  2. That copy asks for consent with alert('I accept that this site will
//     set cookies'), the very thing the lecture's cookie-law slide warns
//     against ("Alerts are not a good option as they are sometimes
//     blocked!"). Here askOnThePage() says in the page what the shop keeps,
//     and whether you have answered its cookie banner.
//  3. The cookie names come from the page (data-basket-cookie and
//     data-consent-cookie on #lecture-cookies): over HTTPS the shop's
//     cookies are named __Host-basket and __Host-consent.
//  4. Over HTTPS every cookie this page writes gets ";Secure", which a
//     __Host- cookie needs: secureOverHttps() wraps document.cookie once, so
//     setCookie stays as written.
//  5. The page's buttons call the functions through addEventListener, at the
//     end: the shop's Content-Security-Policy runs no inline onclick, and no
//     script from anywhere but this site.

// --- The lecture: "Cookies: Client-side processing - set" ----------------

function setCookie(cname, cvalue, exdays) {
var d = new Date();
d.setTime(d.getTime() + (exdays*24*60*60*1000));
var expires = "expires="+ d.toUTCString();
document.cookie = cname + "=" +
cvalue + ";" + expires + ";path=/";
}

function loadBasket(){
var shopping = document.getElementById('shopping').value;
console.log(shopping);
setCookie(basketCookie, shopping, 1); // Not the lecture's (3): 'basket'
}

// --- The lecture's 20-second example ("eg") --------------------------------

    function loadBasket20Seconds(){ // Not the lecture's (1): loadBasket
      var shopping = document.getElementById('shopping').value;
      console.log(shopping);
      setCookie20Seconds(basketCookie, shopping, 1); // Not the lecture's (1, 3)
    }

    function setCookie20Seconds(cname, cvalue, exdays) { // Not the lecture's (1): setCookie
        askOnThePage(); // Not the lecture's (2): alert('I accept that this site will set cookies')
        var d = new Date();
        // d.setTime(d.getTime() + (exdays*24*60*60*1000));
        d.setTime(d.getTime() + (exdays*20*1000)); //20 seconds
        var expires = "expires="+ d.toUTCString();
        document.cookie = cname + "=" + cvalue + ";" + expires + ";path=/";
    }

// --- The lecture: "Cookies: Client-side processing - read" ---------------

function readCookie(name) {
var nameEQ = name + "=";
var ca = document.cookie.split(';');
for (var i = 0; i < ca.length; i++) {
var c = ca[i];
while (c.charAt(0) == ' ') c = c.substring(1, c.length);
if (c.indexOf(nameEQ) == 0) {
return c.substring(nameEQ.length, c.length);
}
}
return null;
}

// --- Not the lecture's: the page around it --------------------------------

// (3) The names the shop's cookies have on this page, as the page says.
var basketCookie = 'basket';
var consentCookie = 'consent';

// (4) Over HTTPS, every cookie this page writes is Secure.
function secureOverHttps() {
  if (location.protocol !== 'https:') return;
  var cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  Object.defineProperty(document, 'cookie', {
    get: function () { return cookie.get.call(document); },
    set: function (line) { cookie.set.call(document, line + ';Secure'); },
  });
}

// A sentence in the page, where the lecture would use alert().
function tell(message) {
  document.getElementById('lecture-output').textContent = message;
}

// (2) Consent is asked on the page, by the shop's banner; this says where
// the shopper stands. The basket is a necessary cookie, so it is kept either
// way.
function askOnThePage() {
  document.getElementById('lecture-consent').textContent = readCookie(consentCookie) != null
    ? 'You have answered the cookie banner; the basket is a necessary cookie either way.'
    : 'You have not answered the cookie banner yet. The basket is a necessary cookie, so it is kept anyway; the banner explains the others.';
}

function showBasket() {
  var basket = readCookie(basketCookie);
  tell(basket == null ? 'There is no basket cookie.' : 'readCookie("' + basketCookie + '") gives: ' + basket);
}

// (5) The buttons.
document.addEventListener('DOMContentLoaded', function () {
  var names = document.getElementById('lecture-cookies').dataset;
  basketCookie = names.basketCookie;
  consentCookie = names.consentCookie;
  secureOverHttps();
  document.getElementById('save-basket').addEventListener('click', function () {
    loadBasket();
    tell('Saved for 1 day: ' + basketCookie + '=' + readCookie(basketCookie));
    askOnThePage();
  });
  document.getElementById('save-basket-20s').addEventListener('click', function () {
    loadBasket20Seconds();
    tell('Saved for 20 seconds: ' + basketCookie + '=' + readCookie(basketCookie));
  });
  document.getElementById('show-basket').addEventListener('click', showBasket);
  askOnThePage();
});
