"""The films' admin: a film with its screenings; a new runtime moves their ends."""

import pytest
from django.contrib.auth import get_user_model

from events.models import Event
from subevents.cinema.models import Film
from tests.cinema.factories import FilmFactory, screening
from tests.events.factories import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("chef", "chef@example.org", "pw")
    client.force_login(user)
    return client


def form_data(film: Film, shown, **changes) -> dict:
    data = {
        "title": film.title,
        "slug": film.slug,
        "original_title": "",
        "year": "",
        "runtime_minutes": film.runtime_minutes,
        "fsk": film.fsk,
        "language": film.language,
        "subtitles": "",
        "synopsis": "",
        "screenings-TOTAL_FORMS": "1",
        "screenings-INITIAL_FORMS": "1",
        "screenings-MIN_NUM_FORMS": "0",
        "screenings-MAX_NUM_FORMS": "1000",
        "screenings-0-event": shown.event.pk,
        "screenings-0-trailer_minutes": shown.trailer_minutes,
    }
    data.update(changes)
    return data


def test_the_film_pages_open(admin_client):
    film = FilmFactory(title="Tschick")
    screening(film)

    assert admin_client.get("/admin/cinema/film/").status_code == 200
    assert admin_client.get(f"/admin/cinema/film/{film.pk}/change/").status_code == 200
    assert admin_client.get("/admin/cinema/screening/").status_code == 200


def test_a_new_runtime_in_the_admin_moves_the_screenings_end(admin_client):
    film = FilmFactory(runtime_minutes=90)
    shown = screening(film, starts_at=at(0, 15))

    response = admin_client.post(
        f"/admin/cinema/film/{film.pk}/change/",
        form_data(film, shown, runtime_minutes=100),
    )

    assert response.status_code == 302
    assert Event.objects.get(pk=shown.pk).ends_at == at(0, 16, 55)
