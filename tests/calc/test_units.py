"""calc/units.py: the guarded parser, dimensions, formatting and the JSON form."""

import json
import os
import re
import subprocess
import sys
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

import calc.units
from calc.errors import UnitError
from calc.units import Q_, format_power, parse_power, quantity_json, ureg


@pytest.mark.parametrize(
    ("text", "watts"),
    [
        ("300 MW", 300e6),
        ("0.3 GW", 300e6),
        ("300000 kW", 300e6),
        ("300,000 kW", 300e6),
        ("700 W", 700.0),
        ("  700W  ", 700.0),
        ("1.0236e9 BTU/h", 1.0236e9 * 0.29307107),  # 1 BTU/h = 0.29307107 W
        ("1 hp", 745.69987),
        ("1 TWh/yr", 1e12 / (365.25 * 24)),  # energy per year is an average power
    ],
)
def test_parse_power_accepts_power_units(text, watts):
    assert parse_power(text).m_as(ureg.W) == pytest.approx(watts, rel=1e-6)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("300 MWh", "power: '300 MWh' is an energy, not a power; e.g. '300 MW'"),
        ("300 kg", "power: '300 kg' is a mass, not a power; e.g. '300 MW'"),
        ("-5 MW", "power: '-5 MW' must not be negative; e.g. '300 MW'"),
        ("0 MW", "power: '0 MW' must be greater than zero; e.g. '300 MW'"),
        ("nan MW", "power: 'nan MW' is not finite; e.g. '300 MW'"),
        ("inf MW", "power: 'inf MW' is not finite; e.g. '300 MW'"),
        ("1e400 W", "power: '1e400 W' is not finite; e.g. '300 MW'"),
        ("300", "power: '300' has no unit; give one such as '300 MW'"),
        ("nan", "power: 'nan' is not a finite number; e.g. '300 MW'"),
        ("300 xyz", "power: '300 xyz' has an unknown unit 'xyz'; e.g. '300 MW'"),
        ("MW", "power: 'MW' is not a number with a unit; give one such as '300 MW'"),
        ("", "power: '' is not a number with a unit; give one such as '300 MW'"),
        (
            "300 MVAr",
            "power: '300 MVAr' is reactive power, which does no work; give real power (W) "
            "or apparent power (VA), e.g. '300 MW'",
        ),
        ("10**10**10 W", "power: '10**10**10 W' has an unreadable unit; e.g. '300 MW'"),
        ("3 W^9^9^9", "power: '3 W^9^9^9' has an unreadable unit; e.g. '300 MW'"),
        ("300 MW; import os", "power: '300 MW; import os' has an unreadable unit; e.g. '300 MW'"),
        (
            "__import__('os')",
            "power: \"__import__('os')\" is not a number with a unit; give one such as '300 MW'",
        ),
        ("1 (((((W)))))", "power: '1 (((((W)))))' has an unreadable unit; e.g. '300 MW'"),
        (
            "1e308 GW",
            "power: 1e+308 GW is more than 1 PW; accepted: up to 1 PW (world electricity "
            "generation is about 3.5 TW)",
        ),
    ],
)
def test_parse_power_rejects_bad_text_in_one_line(text, message):
    with pytest.raises(UnitError) as caught:
        parse_power(text)
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


def test_apparent_power_only_where_allowed():
    with pytest.raises(UnitError, match=r"power: 300 MVA is apparent power \(VA\)"):
        parse_power("300 MVA")
    assert parse_power("300 MVA", allow_apparent=True).m_as(ureg.VA) == pytest.approx(300e6)


def test_overlong_text_is_refused_before_pint():
    with pytest.raises(UnitError, match=r"is 100 characters long; at most 64 are accepted"):
        parse_power("W" * 100)


def test_bare_numbers_and_other_types_are_rejected():
    with pytest.raises(UnitError, match=r"power: 300 has no unit"):
        parse_power(300)
    with pytest.raises(UnitError, match=r"power: True has no unit"):
        parse_power(True)
    with pytest.raises(UnitError, match=r"power: \[300\] is not a quantity"):
        parse_power([300])


def test_quantities_and_json_mappings_are_accepted():
    assert parse_power(Q_(300.0, "MW")).m_as(ureg.MW) == 300.0
    assert parse_power({"value": 300, "unit": "MW"}).m_as(ureg.MW) == 300.0
    with pytest.raises(UnitError, match="is a mass, not a power"):
        parse_power(Q_(3.0, "kg"))


@pytest.mark.parametrize(
    ("quantity", "unit", "decimals", "text"),
    [
        (Q_(300e6, "W"), None, None, "300 MW"),
        (Q_(2.0568e9, "W"), None, None, "2.057 GW"),
        (Q_(1363.636, "W"), "W", 1, "1,363.6 W"),
        (Q_(7942.8, "W"), None, None, "7.943 kW"),
        (Q_(0.0, "W"), None, None, "0 W"),
        (Q_(209.7, "MW"), None, None, "209.7 MW"),
        (Q_(300.0, "MVA"), None, None, "300 MVA"),  # apparent power keeps its unit
    ],
)
def test_format_power(quantity, unit, decimals, text):
    assert format_power(quantity, unit, decimals) == text


def test_quantity_json_form():
    assert quantity_json(Q_(300.0, "MW")) == {
        "value": 300.0,
        "unit": "MW",
        "base": 300000000.0,
        "base_unit": "W",
    }


@given(st.text(max_size=80))
def test_any_text_gives_a_quantity_or_a_unit_error_quickly(text):
    """Bad input never returns a wrong kind of thing, never raises anything else, never hangs.

    The hang is pint's: an exponent tower (``W^9^9^9``) makes it work out a huge power. So the
    work is asserted, not the time: pint is asked once at most, for a short unit text in which
    each exponent is a lone small number.
    """
    asked: list[str] = []

    def counted(unit_text: str):
        asked.append(unit_text)
        return ureg.parse_units(unit_text)

    with mock.patch.object(calc.units, "_parse_units", counted):
        try:
            result = parse_power(text)
        except UnitError as error:
            assert "\n" not in str(error)
        else:
            assert result.dimensionality == ureg.W.dimensionality
            assert result.magnitude > 0
    assert len(asked) <= 1, asked
    for unit_text in asked:
        assert len(unit_text) <= calc.units.MAX_TEXT_LENGTH
        # each exponent 1 to 4 (or its negative), and no exponent raised again
        exponents = re.findall(r"(?:\^|\*\*)\s*(-?\d+)(\s*(?:\^|\*\*))?", unit_text)
        assert all(abs(int(power)) <= 4 and not again for power, again in exponents), unit_text


@given(st.floats(min_value=1e-3, max_value=1e8, allow_nan=False))  # up to 100 TW
def test_unit_invariance_of_parsing(megawatts):
    watts = parse_power(f"{megawatts!r} MW").m_as(ureg.W)
    assert parse_power(f"{megawatts / 1000!r} GW").m_as(ureg.W) == pytest.approx(watts, rel=1e-12)
    assert parse_power(f"{megawatts * 1000!r} kW").m_as(ureg.W) == pytest.approx(watts, rel=1e-12)


# ------------------------------------------------------------------------ the registry's disk cache

_REGISTRY_PROBE = (
    "import json, calc; "
    "r = calc.check_claim('300 MW', gpus=220000, accelerator='h100-sxm'); "
    "print(json.dumps([calc.ureg._diskcache is not None, r.verdict, r.implied_power_per_accelerator.m_as('W'), "
    "calc.parse_power('1.0236e9 BTU/h').m_as('W'), calc.parse_power('1 hp').m_as('W')]))"
)


def _registry_run(cache_home: str) -> list[object]:
    """A fresh process's registry, with XDG_CACHE_HOME (where pint keeps its cache) at `cache_home`:
    [whether it used the disk cache, the verdict and figures of the headline claim]."""
    env = {**os.environ, "XDG_CACHE_HOME": cache_home}
    done = subprocess.run(
        [sys.executable, "-c", _REGISTRY_PROBE], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stderr == ""
    return json.loads(done.stdout)


def test_the_registry_cache_lives_in_the_user_cache_dir_and_never_changes_results(tmp_path):
    # 300 MW / 220,000 GPUs = 1,363.64 W; 1 BTU/h = 0.29307107 W; 1 hp = 745.69987 W
    expected = [
        "plausible",
        pytest.approx(1363.6363636),
        pytest.approx(1.0236e9 * 0.29307107),
        pytest.approx(745.69987),
    ]
    fresh = tmp_path / "cache"
    first = _registry_run(str(fresh))  # writes the cache
    assert first[0] is True and first[1:] == expected
    written = sorted(p.name for p in (fresh / "pint").iterdir())
    assert written and all(p.endswith((".json", ".pickle")) for p in written)
    assert _registry_run(str(fresh)) == first  # read back
    for path in (fresh / "pint").iterdir():  # a damaged cache: the registry is built from pint's files
        path.write_text("not a cache")
    assert _registry_run(str(fresh)) == [False, *expected]
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    assert _registry_run(str(blocker / "cache")) == [False, *expected]  # cannot be created
    assert _registry_run("/proc/dcpower-no-such-cache") == [False, *expected]  # a read-only place
