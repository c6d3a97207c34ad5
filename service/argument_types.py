"""Argument types the subcommands share, so that a bad value is argparse's one-line error."""

from __future__ import annotations

import argparse

from service.setting_values import path_sample


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is below 1") from None
    return value


def path_sample_argument(text: str) -> int:
    """A path sample as UNSILO_PATH_SAMPLE reads it: 0 (always exact) or at least 2."""
    try:
        return path_sample(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r}: {error}") from None
