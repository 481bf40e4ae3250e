"""`dcpower serve`: its options, its one-line errors and its no-login warning. The server itself
is started by the browser test (tests/web); here the UI's launcher is a stand-in."""

import pytest

from calc.cli import main, no_login_warning


class Launcher:
    """Records what `dcpower serve` asked to serve, instead of serving it."""

    def __init__(self) -> None:
        self.served: list[tuple[str, str, int]] = []

    def __call__(self, facility: str) -> int:
        raise AssertionError("serve opened the terminal UI")

    def serve(self, facility: str, host: str, port: int) -> int:
        self.served.append((facility, host, port))
        return 0


def test_serve_binds_loopback_by_default_and_warns_of_nothing(capsys):
    launcher = Launcher()
    assert main(["serve"], open_tui=launcher) == 0
    assert launcher.served == [("colossus-1", "127.0.0.1", 8000)]
    assert capsys.readouterr().err == ""


def test_serve_on_another_address_warns_that_there_is_no_login(capsys):
    launcher = Launcher()
    assert (
        main(["serve", "--host", "0.0.0.0", "--port", "8080", "--facility", "frontier"], open_tui=launcher)
        == 0
    )
    assert launcher.served == [("frontier", "0.0.0.0", 8080)]
    assert capsys.readouterr().err == (
        "warning: serving on 0.0.0.0: the server has no login; anyone who can reach this address can use "
        "the app (the default, 127.0.0.1, is reached from this machine only)\n"
    )


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_loopback_addresses_need_no_warning(host):
    assert no_login_warning(host) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.7", "example.org"])
def test_other_addresses_and_host_names_get_the_warning(host):
    assert no_login_warning(host).startswith(f"warning: serving on {host}: the server has no login;")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "0"], "dcpower: error: serve: --port 0: give a port from 1 to 65535\n"),
        (["--port", "70000"], "dcpower: error: serve: --port 70000: give a port from 1 to 65535\n"),
        (
            ["--port", "http"],
            "dcpower: error: argument --port: invalid int value: 'http' (see 'dcpower serve --help')\n",
        ),
    ],
)
def test_a_bad_port_is_one_line(args, message, capsys):
    launcher = Launcher()
    assert main(["serve", *args], open_tui=launcher) == 2
    assert launcher.served == []
    assert capsys.readouterr().err == message


def test_an_unknown_facility_is_named_before_the_server_starts(capsys):
    launcher = Launcher()
    assert main(["serve", "--facility", "nowhere"], open_tui=launcher) == 2
    assert launcher.served == []
    assert capsys.readouterr().err.startswith(
        "dcpower: error: facility: 'nowhere' is not a preset; accepted: "
    )


def test_serve_without_the_launcher_says_how_to_start_it(capsys):
    assert main(["serve"]) == 2
    assert capsys.readouterr().err == (
        "dcpower: error: serve: the web UI is started by the installed 'dcpower' command\n"
    )
