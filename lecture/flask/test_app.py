"""Tests of the lecture's shop in Flask: the cookies travel as the lecture
says, and the pages carry the lecture's code word for word.

Run from this folder: `python -m unittest` (or `make test-flask` from the
project's root, which makes the virtual environment first).
"""

import unittest
from pathlib import Path

from app import app

HERE = Path(__file__).parent

# The lecture's code, from the project's word-for-word copy of the lecture
# (docs/lecture.md), the one place it is kept: each fenced block, found by
# how it starts. The server-side slide elides with "…"; its lines are
# checked one by one.
LECTURE = (HERE / '..' / '..' / 'docs' / 'lecture.md').read_text()


def lecture_blocks():
    blocks, block = [], None
    for line in LECTURE.splitlines():
        if line.startswith('```'):
            if block is None:
                block = []
            else:
                blocks.append('\n'.join(block) + '\n')
                block = None
        elif block is not None:
            block.append(line)
    return blocks


def lecture_block(starting):
    found = [block for block in lecture_blocks() if block.startswith(starting)]
    assert len(found) == 1, f'one block of the lecture starts with {starting!r}'
    return found[0]


LECTURE_FLASK = lecture_block('from flask import')
LECTURE_SET_COOKIE = lecture_block('function setCookie(')
LECTURE_LOAD_BASKET = lecture_block('function loadBasket(')
LECTURE_TWENTY_SECONDS = lecture_block('<script>')
LECTURE_READ_COOKIE = lecture_block('function readCookie(')


class ServerSideCookies(unittest.TestCase):
    def setUp(self):
        self.client = app.test_client()

    def test_posting_a_name_sets_the_username_cookie(self):
        response = self.client.post('/customer', data={'uName': 'ian'})
        self.assertEqual(response.status_code, 200)
        self.assertIn('username=ian; Path=/', response.headers.getlist('Set-Cookie'))
        self.assertIn('Welcome back, ian', response.text)

    def test_the_page_then_greets_from_the_cookie(self):
        self.client.post('/customer', data={'uName': 'ian'})
        response = self.client.get('/customer')
        self.assertIn('Welcome back, ian', response.text)
        self.assertEqual(response.headers.getlist('Set-Cookie'), [])

    def test_without_the_cookie_the_page_greets_a_stranger(self):
        self.assertIn('Welcome, stranger', self.client.get('/customer').text)

    def test_the_name_is_escaped(self):
        self.client.set_cookie('username', '<b>ian</b>')
        response = self.client.get('/customer')
        self.assertIn('Welcome back, &lt;b&gt;ian&lt;/b&gt;', response.text)

    def test_the_basket_page_lists_the_basket_cookie(self):
        # As the lecture's script writes it: `basket=oil,filter,bolt,washer`.
        self.client.set_cookie('basket', 'oil,filter,bolt,washer')
        response = self.client.get('/basket')
        self.assertIn('4 items', response.text)
        for item in ['oil', 'filter', 'bolt', 'washer']:
            self.assertIn(f'<li>{item}</li>', response.text)


class TheLecturesCode(unittest.TestCase):
    def setUp(self):
        self.client = app.test_client()

    def test_the_app_holds_the_lectures_flask_lines(self):
        source = (HERE / 'app.py').read_text()
        for line in LECTURE_FLASK.splitlines():
            if line == '…':
                continue
            # The lecture's line that ends in "…." is checked up to there.
            shown = line.split('….')[0]
            with self.subTest(line=line):
                self.assertIn(shown, source)

    def test_the_basket_page_runs_the_lectures_script(self):
        page = self.client.get('/basket').text
        for block in [LECTURE_SET_COOKIE, LECTURE_LOAD_BASKET, LECTURE_READ_COOKIE]:
            with self.subTest(block=block.splitlines()[0]):
                self.assertIn(block, page)
        self.assertNotIn('alert(', page)

    def test_the_twenty_second_page_runs_the_lectures_example(self):
        page = self.client.get('/basket-20s').text
        for block in [LECTURE_TWENTY_SECONDS, LECTURE_READ_COOKIE]:
            with self.subTest(block=block.splitlines()[0]):
                self.assertIn(block, page)
        # Only the example's setCookie: a second one would replace it.
        self.assertEqual(page.count('function setCookie('), 1)


if __name__ == '__main__':
    unittest.main()
