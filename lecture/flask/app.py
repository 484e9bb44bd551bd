"""The lecture's shop in Flask, runnable.

The lines the lecture shows on its slide "Cookies: Server-side processing"
are here word for word, each marked `# the lecture's, verbatim`. Where the
slide elides with `…`, working code fills the gap, each such part marked
`# not the lecture's: …` with what it adds (on a route, the mark covers the
function below it). README.md says how to run it.
"""

from flask import Flask, redirect, render_template, url_for  # not the lecture's: what the elided parts use
from flask import request, make_response  # the lecture's, verbatim

app = Flask(__name__)  # not the lecture's: the application object every Flask app starts with


@app.route('/')  # not the lecture's: the address `make flask` prints leads to a page
def home():
    return redirect(url_for('customer'))


@app.route('/customer', methods=['POST'])  # not the lecture's: the name form on Customer.html posts here
def remember_name():
    uName = request.form['uName']  # not the lecture's: the name the form sent
    # The lecture's, verbatim, up to 'Customer.html', where its line ends in
    # "…."; not the lecture's: the argument after it and the closing brackets.
    resp = make_response(render_template('Customer.html', username=uName))
    resp.set_cookie('username', uName)  # the lecture's, verbatim
    return resp  # the lecture's, verbatim


@app.route('/customer')  # not the lecture's: the page that reads the cookie back
def customer():
    username = request.cookies.get('username')  # the lecture's, verbatim
    return render_template('Customer.html', username=username)  # not the lecture's: the greeting


@app.route('/basket')  # not the lecture's: the page whose script is the lecture's (templates/basket.html)
def basket():
    return basket_page(twenty_seconds=False)


@app.route('/basket-20s')  # not the lecture's: the same page with the lecture's 20-second script
def basket_20_seconds():
    return basket_page(twenty_seconds=True)


def basket_page(twenty_seconds):
    """Not the lecture's: the basket the browser's script saved, read on the
    server the way the lecture reads `username`."""
    basket = request.cookies.get('basket')
    items = [item for item in (basket or '').split(',') if item]
    return render_template('basket.html', items=items, twenty_seconds=twenty_seconds)
