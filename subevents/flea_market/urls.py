"""URLs of the module (public pages and the organisers' pages)."""

from django.urls import path

from .views import orga, prints, public

# A seller's token is secrets.token_urlsafe: the slug alphabet exactly, so anything
# else (a NUL byte PostgreSQL would refuse, say) never reaches a view.

app_name = "flea_market"

urlpatterns = [
    path("market/<slug:slug>/", public.market, name="market"),
    path("market/seller/<slug:token>/", public.seller, name="seller"),
    path(
        "market/seller/<slug:token>/cancel/", public.seller_cancel, name="seller-cancel"
    ),
    path(
        "market/seller/<slug:token>/confirmation.pdf",
        public.seller_pdf,
        name="seller-pdf",
    ),
    path("orga/market/", orga.index, name="orga-index"),
    path("orga/market/<slug:slug>/", orga.applications, name="orga-applications"),
    path("orga/market/<slug:slug>/board/", orga.board, name="orga-board"),
    path("orga/market/<slug:slug>/move/", orga.move, name="orga-move"),
    path("orga/market/<slug:slug>/allocate/", orga.allocate, name="orga-allocate"),
    path("orga/market/<slug:slug>/<int:pk>/paid/", orga.paid, name="orga-paid"),
    path("orga/market/<slug:slug>/<int:pk>/cancel/", orga.cancel, name="orga-cancel"),
    path(
        "orga/market/<slug:slug>/<int:pk>/decline/", orga.decline, name="orga-decline"
    ),
    path(
        "orga/market/<slug:slug>/<int:pk>/confirmation.pdf",
        prints.confirmation_pdf,
        name="orga-confirmation",
    ),
    path("orga/market/<slug:slug>/sellers.pdf", prints.sellers_pdf, name="sellers-pdf"),
    path("orga/market/<slug:slug>/sellers.csv", prints.sellers_csv, name="sellers-csv"),
    path(
        "orga/market/<slug:slug>/sellers.xlsx",
        prints.sellers_xlsx,
        name="sellers-xlsx",
    ),
    path(
        "orga/market/<slug:slug>/site-plan.pdf",
        prints.site_plan_pdf,
        name="site-plan-pdf",
    ),
]
