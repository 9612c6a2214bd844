"""PostgreSQL-only behaviour: trigram search on Georgian text, and case numbers under concurrency.

Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/hubs_reintegration; skipped on SQLite.
"""

import threading

import pytest
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from reintegration.selectors import intake_search
from reintegration.services import case_number_next
from reintegration.tests.factories import BeneficiaryFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")


@pytest.mark.django_db
def test_georgian_text_produces_trigrams_on_the_databases_locale():
    with connection.cursor() as cursor:
        cursor.execute("SELECT show_trgm(%s), show_trgm(%s)", ["ნინო ბერიძე", "Nino Beridze"])
        georgian, latin = cursor.fetchone()
    assert len(georgian) >= 10, georgian
    assert len(latin) >= 10


@pytest.mark.django_db
def test_trigram_indexes_exist_on_both_scripts():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'reintegration_beneficiary'")
        indexes = dict(cursor.fetchall())
    for column in ("name_ka", "name_latin"):
        definition = indexes[f"reintegration_beneficiary_{column}_trgm"]
        assert "gin" in definition and "gin_trgm_ops" in definition


@pytest.mark.django_db
def test_search_tolerates_typos_in_either_script():
    person = BeneficiaryFactory(name_ka="ნინო ბერიძე")
    BeneficiaryFactory(name_ka="დავით ქავთარაძე")
    assert intake_search("ნინო ბერძე").close == [person]  # a letter missing
    assert intake_search("Nino Berdze").close == [person]
    assert intake_search("ბერიძე").close == [person]
    assert intake_search("ბერიძე ნინო").close == [person]  # order of names
    assert intake_search("ზაზა").close == []


@pytest.mark.django_db
def test_search_can_use_the_gin_index():
    BeneficiaryFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("EXPLAIN SELECT id FROM reintegration_beneficiary WHERE %s <%% name_ka", ["ბერიძე"])
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "reintegration_beneficiary_name_ka_trgm" in plan, plan


@pytest.mark.django_db(transaction=True)
def test_two_intakes_at_the_same_moment_never_get_the_same_number():
    from hubs.tests.factories import HubFactory

    hub = HubFactory(code="CON")
    year = timezone.localdate().year
    barrier = threading.Barrier(2)
    numbers, errors = [], []

    def take():
        try:
            barrier.wait(timeout=10)
            for _ in range(10):
                with transaction.atomic():
                    numbers.append(case_number_next(hub=hub, year=year))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(numbers) == 20 and len(set(numbers)) == 20
    assert sorted(numbers) == [f"CON-{year}-{n:04d}" for n in range(1, 21)]


@pytest.mark.django_db(transaction=True)
def test_typo_tolerance_holds_outside_a_request_transaction_too():
    """The search's own threshold (0.4) applies even in autocommit mode, below pg_trgm's default 0.6."""
    person = BeneficiaryFactory(name_ka="ნინო ბერიძე")
    with connection.cursor() as cursor:
        cursor.execute("SELECT word_similarity(%s, %s)", ["ბერძე", "ნინო ბერიძე"])
        (similarity,) = cursor.fetchone()
    assert 0.4 <= similarity < 0.6
    assert intake_search("ბერძე").close == [person]
