"""Officers browsing and secretaries saving review-grid rows (`make load`; targets.json from prepare.py).

Officers (4 in 5 users): dashboard, member lists of a commune or cell, name search, member pages, the
organization tree, review grids. Secretaries (1 in 5): open their cell's grid and save rows one by one, as the
grid's htmx does on each change."""

import json
import re
from itertools import count
from pathlib import Path
from random import Random

from locust import HttpUser, between, task

TARGETS = json.loads((Path(__file__).resolve().parent / "targets.json").read_text())
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_officers, _secretaries = count(), count()
PROGRESS = ["exceeded", "on_time", "some_late"]


class Logged(HttpUser):
    abstract = True
    wait_time = between(0.5, 2.0)

    def login(self, username: str) -> None:
        page = self.client.get("/accounts/login/", name="login page")
        token = CSRF.search(page.text).group(1)
        response = self.client.post(
            "/accounts/login/",
            {"username": username, "password": TARGETS["password"], "csrfmiddlewaretoken": token},
            name="login",
            allow_redirects=False,
        )
        if response.status_code != 302:
            raise RuntimeError(f"login of {username} failed: {response.status_code}")

    def csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")


class Officer(Logged):
    weight = 4

    def on_start(self) -> None:
        number = next(_officers)
        self.random = Random(number)
        people = TARGETS["officers"]
        username = TARGETS["admin"] if number % 5 == 0 else people[number % len(people)]["username"]
        self.scope = TARGETS["scopes"][username]  # what this officer sees (out of scope would be a 404)
        self.login(username)

    @task(3)
    def dashboard(self) -> None:
        self.client.get("/", name="dashboard")

    @task(4)
    def member_list(self) -> None:
        org = self.random.choice(self.scope["organizations"])
        self.client.get(f"/members/?org={org}", name="member list (org)")

    @task(3)
    def search(self) -> None:
        self.client.get("/members/", params={"q": self.random.choice(self.scope["searches"])}, name="member search")

    @task(5)
    def member_page(self) -> None:
        self.client.get(f"/members/{self.random.choice(self.scope['members'])}/", name="member page")

    @task(1)
    def tree(self) -> None:
        self.client.get("/orgs/", name="organization tree")

    @task(2)
    def review_grid(self) -> None:
        period, org = self.random.choice(self.scope["dossiers"])
        self.client.get(f"/reviews/periods/{period}/org/{org}/", name="review grid")


class Secretary(Logged):
    weight = 1
    wait_time = between(1.0, 3.0)

    def on_start(self) -> None:
        number = next(_secretaries)
        self.random = Random(1000 + number)
        self.me = TARGETS["secretaries"][number % len(TARGETS["secretaries"])]
        self.login(self.me["username"])
        self.grid_page = self.client.get(
            f"/reviews/periods/{self.me['period']}/org/{self.me['cell']}/", name="review grid"
        )

    @task(1)
    def open_grid(self) -> None:
        self.grid_page = self.client.get(
            f"/reviews/periods/{self.me['period']}/org/{self.me['cell']}/", name="review grid"
        )

    @task(6)
    def save_row(self) -> None:
        if not self.me["rows"]:
            return
        row = self.random.choice(self.me["rows"])
        prefix = f"r{row}-"
        data = {f"{prefix}task_progress": self.random.choice(PROGRESS), f"{prefix}sick_leave_months": "0"}
        # Any hidden input of the row (e.g. the version it was read at) goes back as the page has it.
        for name, value in re.findall(rf'type="hidden" name="({prefix}[\w-]+)" value="([^"]*)"', self.grid_page.text):
            data[name] = value
        with self.client.post(
            f"/reviews/rows/{row}/",
            data,
            headers={"X-CSRFToken": self.csrf(), "HX-Request": "true", "Referer": self.host + "/reviews/"},
            name="save grid row",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
            elif "alert-danger" in response.text and "đã được sửa" in response.text:
                # A conflicting save (another secretary's change since the page was read) is a valid answer.
                response.success()
