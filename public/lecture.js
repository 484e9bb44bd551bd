// The lecture's basket script, as the lecture wrote it: setCookie,
// readCookie and loadBasket. Two changes, both marked: where the lecture
// calls alert(), the script writes a sentence into the page (a pop-up is
// blocked by browsers, interrupts, and is no way to ask for consent), and it
// first checks whether the shopper has answered the shop's cookie banner.
// An external file, so the shop's Content-Security-Policy ('self' scripts
// only, no inline code) lets it run.

function setCookie(cname, cvalue, exdays) {
  const d = new Date();
  d.setTime(d.getTime() + exdays * 24 * 60 * 60 * 1000);
  const expires = 'expires=' + d.toUTCString();
  document.cookie = cname + '=' + cvalue + ';' + expires + ';path=/';
}

// The lecture's 20-second variant: the same, with seconds instead of days.
function setCookieForSeconds(cname, cvalue, seconds) {
  const d = new Date();
  d.setTime(d.getTime() + seconds * 1000);
  const expires = 'expires=' + d.toUTCString();
  document.cookie = cname + '=' + cvalue + ';' + expires + ';path=/';
}

function readCookie(name) {
  const nameEQ = name + '=';
  const ca = document.cookie.split(';');
  for (let i = 0; i < ca.length; i++) {
    let c = ca[i];
    while (c.charAt(0) === ' ') c = c.substring(1, c.length);
    if (c.indexOf(nameEQ) === 0) return c.substring(nameEQ.length, c.length);
  }
  return '';
}

// Changed: the lecture's alert(message), as a sentence in the page.
function tell(message) {
  document.getElementById('lecture-output').textContent = message;
}

// Added: the consent check. The basket is a necessary cookie, so it is kept
// either way; the page says so instead of interrupting with a pop-up.
function consentNote() {
  const answered = readCookie('consent') !== '';
  document.getElementById('lecture-consent').textContent = answered
    ? 'You have answered the cookie banner; the basket is a necessary cookie either way.'
    : 'You have not answered the cookie banner yet. The basket is a necessary cookie, so it is kept anyway; the banner explains the others.';
}

function loadBasket() {
  const items = document.getElementById('shopping').value;
  setCookie('basket', items, 1);
  tell('Saved for 1 day: basket=' + readCookie('basket'));
  consentNote();
}

function loadBasketForTwentySeconds() {
  const items = document.getElementById('shopping').value;
  setCookieForSeconds('basket', items, 20);
  tell('Saved for 20 seconds: basket=' + readCookie('basket'));
  consentNote();
}

function showBasket() {
  const basket = readCookie('basket');
  tell(basket === '' ? 'There is no basket cookie.' : 'readCookie("basket") gives: ' + basket);
}

document.addEventListener('DOMContentLoaded', function () {
  document.getElementById('save-basket').addEventListener('click', loadBasket);
  document.getElementById('save-basket-20s').addEventListener('click', loadBasketForTwentySeconds);
  document.getElementById('show-basket').addEventListener('click', showBasket);
  consentNote();
});
