"""The per-credential budget holds under concurrency: requests arriving at once from
several threads (each with its own database connection, all counting in the shared
Redis cache) get exactly the budget, not 8-14 % more."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from rest_framework.test import APIClient

THREADS, EACH, LIMIT = 8, 12, 50


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_get_exactly_the_budget(make_token):
    token = make_token(rate_limit=LIMIT)
    start = threading.Barrier(THREADS)

    def burst() -> list[int]:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        start.wait()
        try:
            return [client.get("/api/v1/courses/").status_code for _ in range(EACH)]
        finally:
            connection.close()

    with ThreadPoolExecutor(THREADS) as pool:
        statuses = [code for codes in pool.map(lambda _: burst(), range(THREADS)) for code in codes]

    assert len(statuses) == THREADS * EACH
    assert statuses.count(200) == LIMIT
    assert statuses.count(429) == THREADS * EACH - LIMIT
