"""Money on a page: integer fen shown as yuan with two decimals, exactly
(no floats anywhere on the way)."""
from __future__ import annotations


def yuan(fen: int) -> str:
    """12345678 -> '123,456.78'; negative amounts keep their sign."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(int(fen)), 100)
    return f"{sign}{whole:,}.{cents:02d}"


def percent_of_basis_points(basis_points: int) -> str:
    """Hundredths of a percent: 2170 -> '21.70%'."""
    sign = "-" if basis_points < 0 else ""
    whole, hundredths = divmod(abs(int(basis_points)), 100)
    return f"{sign}{whole}.{hundredths:02d}%"


def share_basis_points(part: int, whole: int) -> int:
    """part / whole in hundredths of a percent, rounded half up; 0 when whole is 0."""
    if whole <= 0:
        return 0
    return (part * 10_000 * 2 + whole) // (2 * whole)
