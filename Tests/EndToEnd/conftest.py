"""Shared pytest set-up for the end-to-end tests.

The fieldwork binary under test is found one way, by ``tmux_harness.fieldwork_binary()``:
$FIELDWORK_BIN (made absolute), else ``.build/debug/fieldwork`` under the package root. Tests
take it as the ``fieldwork_bin`` fixture or, at module level, call ``fieldwork_binary()``.
The test drivers (``fieldwork-testkit``) are found beside it by ``fieldwork_testkit_binary()``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tmux_harness import fieldwork_binary, fieldwork_testkit_binary


@pytest.fixture(scope="session")
def fieldwork_bin() -> Path:
    """The fieldwork executable under test."""
    return Path(fieldwork_binary())


@pytest.fixture(scope="session")
def fieldwork_testkit_bin() -> Path:
    """The test drivers' executable, fieldwork-testkit (built beside fieldwork, not shipped)."""
    return Path(fieldwork_testkit_binary())
