"""A manager's own table with her own column names (French or English): matched by name, or by the column
she says holds each field (``columns=``); what is still missing is refused with the fields to choose."""

import pandas as pd
import pytest

from socialkit import data, exports
from socialkit.exports import ColumnsToChoose, ExportError

# a value each schema column reads, for the made-up tables below
VALUES = {"ts": "2025-03-01 10:00", "opened_at": "2025-03-01 10:00", "first_response_at": "2025-03-01 11:30",
          "response_at": "2025-03-02 09:00", "platform": "facebook", "text": "Très bon café", "stars": "4",
          "likes": "12", "shares": "3", "comments": "2", "replies": "1", "link_clicks": "5", "impressions": "300",
          "reach": "250", "followers": "1200", "following": "80", "post_id": "p1", "account_id": "cafe",
          "author_id": "u1", "lang": "fr", "month": "2025-03-01", "brand": "lumiere"}
KIND_OF = {"stars": "reviews", "response_at": "reviews", "opened_at": "threads", "first_response_at": "threads",
           "author_id": "mentions", "lang": "mentions", "replies": "mentions", "followers": "accounts",
           "following": "accounts", "month": "competitor_metrics", "brand": "competitor_metrics"}
REQUIRED = {"brand_posts": ("ts", "platform", "text", "likes"), "mentions": ("ts", "platform", "text"),
            "reviews": ("ts", "platform", "stars"), "threads": ("opened_at", "platform", "first_response_at"),
            "accounts": ("account_id", "followers"), "competitor_metrics": ("month", "brand", "platform", "followers")}
# (header as a manager writes it, the kit's column it must be read as)
NEW_NAMES = [
    ("Date de publication", "ts"), ("Publié le", "ts"), ("Jour", "ts"), ("Date et heure", "ts"), ("Date du post", "ts"),
    ("Date de l'avis", "ts"), ("Posted", "ts"), ("Posted on", "ts"), ("Identifiant", "post_id"),
    ("Source", "platform"), ("Site", "platform"), ("Réseau", "platform"), ("Réseau social", "platform"),
    ("Canal", "platform"), ("Plateforme", "platform"), ("Review", "text"), ("Review text", "text"),
    ("Comment", "text"), ("Avis", "text"), ("Commentaire", "text"), ("Texte", "text"), ("Contenu", "text"),
    ("Compte", "account_id"), ("Profil", "account_id"), ("Auteur", "author_id"), ("Utilisateur", "author_id"),
    ("Langue", "lang"), ("Vues", "impressions"), ("Portée", "reach"), ("Couverture", "reach"),
    ("J'aime", "likes"), ("Mentions J’aime", "likes"), ("Réactions", "likes"), ("Partages", "shares"),
    ("Commentaires", "comments"), ("Réponses", "replies"), ("Clics", "link_clicks"),
    ("Clics sur le lien", "link_clicks"), ("Abonnés", "followers"), ("Abonnements", "following"),
    ("Note", "stars"), ("Étoiles", "stars"), ("Nombre d'étoiles", "stars"), ("Note sur 5", "stars"),
    ("Date du message", "opened_at"), ("Reçu le", "opened_at"), ("Date de réception", "opened_at"),
    ("Date d'ouverture", "opened_at"), ("Ouvert le", "opened_at"), ("Date de réponse", "first_response_at"),
    ("Répondu le", "first_response_at"), ("Première réponse", "first_response_at"),
    ("Date de première réponse", "first_response_at"), ("Date de la réponse", "response_at"),
    ("Date de réponse", "response_at"), ("Mois", "month"), ("Période", "month"), ("Marque", "brand"),
    # accents and case do not matter
    ("DATE DE REPONSE", "first_response_at"), ("etoiles", "stars"), ("reseau", "platform"),
]


def _table(tmp_path, header: str, column: str, suffix: str = ".csv"):
    """A one-row table of kind ``KIND_OF[column]``: ``column`` under ``header``, the others under the kit's names."""
    kind = KIND_OF.get(column, "brand_posts")
    names = [c for c in REQUIRED[kind] if c != column]
    values = dict(VALUES, platform="google") if kind == "reviews" else VALUES  # review sites, not networks
    frame = pd.DataFrame({header: [values[column]], **{n: [values[n]] for n in names}})
    path = tmp_path / f"mine{suffix}"
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    else:
        frame.to_excel(path, index=False)
    return path, kind


@pytest.mark.parametrize("header, column", NEW_NAMES)
def test_french_and_english_names_are_read_as_the_kit_s_column(tmp_path, header, column):
    path, kind = _table(tmp_path, header, column)
    loaded = exports.read(path, kind, tz="UTC")
    assert {use.column: use.source for use in loaded.report.columns}[column] == repr(header)
    assert loaded.table[column].notna().all() and header not in loaded.table.columns


def test_the_cold_read_s_care_table_opens_without_renaming(tmp_path):
    path = tmp_path / "suivi_reponses_mars.xlsx"
    pd.DataFrame({"Date": pd.to_datetime(["2025-03-03 09:12", "2025-03-03 14:40"]),
                  "Canal": ["Facebook", "Instagram"],
                  "Date de réponse": pd.to_datetime(["2025-03-03 10:02", "2025-03-04 08:15"])}).to_excel(path, index=False)
    loaded = exports.read(path, "threads", tz="Europe/Paris")
    threads = loaded.table
    assert threads["platform"].tolist() == ["facebook", "instagram"]
    assert threads["opened_at"].tolist() == [pd.Timestamp("2025-03-03 08:12Z"), pd.Timestamp("2025-03-03 13:40Z")]
    assert (threads["first_response_at"] - threads["opened_at"]).dt.total_seconds().tolist() == [50 * 60, 17 * 3600 + 35 * 60]
    assert loaded.feeds()["response_times"].ok


def test_the_cold_read_s_reviews_table_opens_without_renaming(tmp_path):
    path = tmp_path / "avis_clients.xlsx"
    pd.DataFrame({"Date": ["2025-03-01", "2025-03-02", "2025-03-05"], "Note": [5, 2, 4],
                  "Avis": ["Très bon café", "Trop cher", "Accueil chaleureux"],
                  "Source": ["Google", "Trustpilot", "Google"]}).to_excel(path, index=False)
    loaded = exports.read(path, "reviews")
    reviews = loaded.table
    assert reviews["stars"].tolist() == [5, 2, 4] and reviews["text"].tolist()[1] == "Trop cher"
    assert reviews["platform"].tolist() == ["google", "trustpilot", "google"]
    assert loaded.feeds()["reviews"].ok and loaded.report.source == "a table with your own column names"


def test_a_missing_field_is_refused_with_the_fields_to_choose_and_the_file_s_columns(tmp_path):
    path = tmp_path / "avis.csv"
    path.write_text("Quand,Etoiles données,Avis,Source\n2025-03-01,5,Bon,Google\n", encoding="utf-8")
    with pytest.raises(ColumnsToChoose) as err:
        exports.read(path, "reviews")
    assert err.value.kind == "reviews" and err.value.fields == ("ts", "stars")
    assert err.value.headers == ("Quand", "Etoiles données", "Avis", "Source")
    message = str(err.value)
    assert f"{path}: missing column(s) 'ts', 'stars' needed for kind 'reviews'" in message
    assert "The file has: 'Quand', 'Etoiles données', 'Avis', 'Source'" in message and "columns=" in message


def test_the_columns_the_user_names_are_read_and_said_in_the_report(tmp_path):
    path = tmp_path / "avis.csv"
    path.write_text("Quand,Etoiles données,Avis,Source\n2025-03-01,5,Bon,Google\n", encoding="utf-8")
    loaded = exports.read(path, "reviews", columns={"ts": "Quand", "stars": "Etoiles données"})
    assert loaded.table["stars"].tolist() == [5] and loaded.table["ts"].tolist() == [pd.Timestamp("2025-03-01", tz="UTC")]
    assert loaded.report.chosen == (("ts", "Quand"), ("stars", "Etoiles données"))
    assert "You said: 'Quand' holds ts; 'Etoiles données' holds stars." in str(loaded.report)
    table = data.read_export(path, "reviews", columns={"ts": "Quand", "stars": "Etoiles données"})
    assert table["stars"].tolist() == [5]


def test_a_column_the_user_names_wins_over_one_recognised(tmp_path):
    path = tmp_path / "suivi.csv"
    path.write_text("Date,Créé,Canal,Réponse\n2025-03-01 09:00,2025-03-01 08:00,facebook,2025-03-01 10:00\n",
                    encoding="utf-8")
    loaded = exports.read(path, "threads", tz="UTC", columns={"opened_at": "Créé", "first_response_at": "Réponse"})
    assert loaded.table["opened_at"].tolist() == [pd.Timestamp("2025-03-01 08:00Z")]
    assert "Date" in loaded.table.columns  # kept as it is, not used


def test_two_columns_that_fit_one_field_ask_which_and_columns_settles_it(tmp_path):
    path = tmp_path / "avis.csv"
    path.write_text("Date,Note,Canal,Source\n2025-03-01,5,facebook,google\n", encoding="utf-8")
    with pytest.raises(ColumnsToChoose) as err:
        exports.read(path, "reviews")
    assert err.value.fields == ("platform",) and "'Source', 'Canal' could each be the 'platform' column" in str(err.value)
    assert exports.read(path, "reviews", columns={"platform": "Source"}).table["platform"].tolist() == ["google"]


def test_naming_columns_wrongly_is_refused_clearly(tmp_path):
    path = tmp_path / "avis.csv"
    path.write_text("Quand,Etoiles,Avis,Source\n2025-03-01,5,Bon,Google\n", encoding="utf-8")
    with pytest.raises(ExportError, match="there is no column 'Stars' in the file .*choose one of those for 'stars'"):
        exports.read(path, "reviews", columns={"ts": "Quand", "stars": "Stars"})
    with pytest.raises(ExportError, match="'likes' is not a column of kind 'reviews'"):
        exports.read(path, "reviews", columns={"likes": "Etoiles"})
    with pytest.raises(ExportError, match="the column 'Quand' was chosen for 'ts' and 'stars'"):
        exports.read(path, "reviews", columns={"ts": "Quand", "stars": "Quand"})
