"""The lecture's shop in Flask: the benchmark's yardstick for `/customer` and
`/basket`. Each page reads its cookie with `request.cookies.get`, as the
lecture does, and renders it through a Jinja template (escaped, like the
shop's pages). `/setcookie` is the lecture's own; the benchmark only reads.

Served by `make bench` with `gunicorn -w 2 -b 127.0.0.1:PORT app:app`.
"""

from flask import Flask, make_response, render_template, request

app = Flask(__name__)


@app.route("/customer")
def customer():
    name = request.cookies.get("username")
    return render_template("customer.html", name=name)


@app.route("/setcookie", methods=["POST"])
def setcookie():
    response = make_response(render_template("customer.html", name=request.form["name"]))
    response.set_cookie("username", request.form["name"])
    return response


@app.route("/basket")
def basket():
    items = [item for item in (request.cookies.get("basket") or "").split(",") if item]
    return render_template("basket.html", items=items)
