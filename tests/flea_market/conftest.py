import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    """A request with an English cookie leaves English active in this thread
    (LocaleMiddleware does not reset it); later tests expect the default."""
    yield
    translation.deactivate()
