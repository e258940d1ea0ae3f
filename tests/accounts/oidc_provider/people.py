"""Who the test provider knows and which clients it has (no Django import: the tests'
process reads this too)."""

PASSWORD = "provider-pass-1"
PEOPLE = [
    ("alice", "alice@north.example", "Alice", "Adams"),
    ("bruno", "bruno@north.example", "Bruno", "Berg"),
    ("nadia", "nadia@north.example", "Nadia", "New"),  # no Attune account yet
    ("sam", "sam@south.example", "Sam", "South"),  # an Attune account at another organisation
]
CLIENTS = [
    "attune",
    "attune-expired",
    "attune-wrong-audience",
    "attune-other-issuer",
    "attune-tampered",
    "attune-replay",
]


def secret_of(client_id: str) -> str:
    return f"secret-of-{client_id}"
