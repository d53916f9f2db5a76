"""A public reply to a complaint, judged line by line (module 03): the reply coach's and the exercise's rubric.

The rubric is data: ``reply_rules(apology_due)`` lists six rules, each a label, a test on the
reply's text (English or French), its points and a piece of advice. What a good reply does
(acknowledge the problem, apologise when the company is at fault, offer a private channel)
counts 2 points a line; what it avoids (a sales pitch, abusive words, more than 280 characters)
1 point a line. ``socialkit.questions.debate`` turns these rules into the exercise's
``judging.Criterion`` objects and the reply coach (``widgets.reply_coach_dashboard``) shows them
live, so both judge a reply with the very same rules.

Sources of the rules: the "take it offline" advice of the article and of customer-care guides
(Sprout Social, "How to respond to negative comments on social media"); Jay Baer, *Hug Your
Haters*, Portfolio, 2016 (acknowledge, apologise, move the conversation to a private channel,
answer once or twice in public at most); X's 280-character limit for a post.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import NamedTuple

import pandas as pd

from socialkit.analytics._inputs import _require, metric

REPLY_LIMIT = 280  # characters in one post on X

# Posts of the sample data the reply coach offers to answer (how each one starts): complaints in
# English and French, about the April post and about everyday service, and two plain questions.
COACH_POSTS = (
    "Oh good, Café Lumière forgot my order.",
    "Quel plaisir, Café Lumière a encore oublié ma commande.",
    "So @cafelumiere thinks oat-milk drinkers are idiots?",
    "Donc pour @cafelumiere on est des idiots si on prend du lait ?",
    "@cafelumiere your app is broken and nobody answers",
    "@cafelumiere pourquoi toujours 30 minutes d'attente ??",
    "@cafelumiere what time do you open on Saturday?",
    "@cafelumiere vous ouvrez à quelle heure samedi ?",
)


def plain(text: str) -> str:
    """The text in lower case, without accents, with straight apostrophes: "Désolés" → "desoles"."""
    text = unicodedata.normalize("NFKD", str(text).replace("’", "'").replace("‘", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _any(patterns: tuple[str, ...]) -> re.Pattern:
    """One regular expression matching any of the patterns, written on accent-free lower-case text."""
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# --------------------------------------------------------------------------- what a good reply does

ACKNOWLEDGING = _any((
    # English: thanks for telling us, we understand, you are right, it is not OK, naming the problem
    r"\bthanks?( you)?( so much)? for (telling|letting|flagging|raising|reporting|sharing|pointing|asking|your|the)\b",
    r"\bsorry (to hear|about|for)\b",
    r"\b(i|we) (completely |totally |fully |really )?(understand|hear you)\b",
    r"\byou('re| are) (absolutely |quite |completely )?right\b",
    r"\bnot (ok|okay|acceptable|good enough|the (experience|service|standard))\b",
    r"\bshould(n't| not) have (happened|been)\b", r"\bfrustrating\b",
    r"\b(forgot|forgotten|missed|mixed up|wait|waiting|waited|queue|delay|late|cold|broken|crash|crashed|bug)\b",
    # French: merci de nous l'avoir signalé, je comprends, vous avez raison, ce n'est pas normal
    r"\bmerci\b.{0,40}\b(signal|prevenu|ecrit|retour|message|question|patience|alert|dit)",
    r"\b(je|nous) (vous )?(comprends|comprenons)\b", r"\bon (vous )?comprend\b",
    r"\bvous avez (tout a fait |entierement |bien )?raison\b",
    r"\b(pas|plus) (normal|acceptable|ok|le service)\b", r"\binacceptable\b",
    r"\bdesole(e)?s? (d'apprendre|pour|de)\b", r"\bfrustrant\b",
    r"\b(oubli|oublie|oubliee|oublier|attente|attendu|retard|froid|panne|plante|bug)\b",
))

APOLOGISING = _any((
    r"\bsorry\b", r"\bapologi[sz]e\b", r"\bapologies\b", r"\bapology\b",
    r"\b(our|my) (fault|mistake|bad)\b", r"\bwe (got it|were) wrong\b",
    r"\bdesole(e)?s?\b", r"\bexcuses?\b", r"\bexcusez\b", r"\bpardon\b", r"\bnavre(e)?s?\b",
    r"\b(nous regrettons|je regrette|on regrette)\b", r"\b(notre|mon) (faute|erreur)\b",
    r"\bnous nous sommes trompes\b", r"\bon s'est trompe",
))

# "Sorry you feel that way" blames the feeling, not the fault: it is not an apology.
NON_APOLOGIES = _any((
    r"\b(sorry|apologi[sz]e|apologies)( that)? (if|you feel|you felt|you think|you're upset|you are upset|"
    r"for how you feel|you see it)",
    r"\bdesole(e)?s? (si|que vous (le )?(ressentiez|ressentez|preniez|prenez|pensiez|pensez))",
    r"\bexcuses? si\b",
))

PRIVATE_CHANNEL = _any((
    r"\b(dm|dms)\b", r"\bdirect message", r"\bprivate message", r"\bprivately\b", r"\bin private\b",
    r"\bmessage us\b", r"\binbox\b", r"\be-?mail\b", r"\bcontact us\b", r"\bcall us\b",
    r"\bdrop us a (line|message|note)\b", r"\bsend us a (message|note)\b", r"\breach (out to )?us\b",
    r"\bmessage prive", r"\bmp\b", r"\ben prive\b", r"\bmessage direct", r"\becrivez[- ]nous\b",
    r"\bmail\b", r"\bcourriel\b", r"\bcontactez[- ]nous\b", r"\bappelez[- ]nous\b", r"\benvoyez[- ]nous un message\b",
))

# --------------------------------------------------------------------------- what a good reply avoids

SALES_PITCH = _any((
    r"\bpromo", r"\bdiscount", r"\d+ ?% off\b", r"\boff (your|the) next\b", r"\b(use|with) (the )?code\b", r"\bsale\b",
    r"\bbuy (now|one|two)\b", r"\bshop now\b", r"\border now\b", r"\btry our\b", r"\bcheck out\b",
    r"\bour new (menu|latte|blend|range|collection|product|drink|seasonal|flavou?r)", r"\bdon't miss\b",
    r"\blimited (time|offer|edition)\b", r"\bspecial offer\b", r"\b(great|best|special) deals?\b", r"\bsubscribe\b",
    r"\bfollow us\b", r"\blink in (bio|our bio)\b", r"\bnewsletter\b", r"https?://", r"\bwww\.",
    r"\breduction\b", r"\bremise\b", r"-\d+ ?%", r"\d+ ?% de reduction", r"\bsoldes\b", r"\bachetez\b",
    r"\bdecouvrez\b", r"\bessayez (notre|nos)\b",
    r"\bne manquez pas\b", r"\boffre (speciale|limitee)\b", r"\bprofitez\b", r"\babonnez[- ]vous\b",
    r"\bsuivez[- ]nous\b", r"\blien en bio\b",
))

ABUSIVE = _any((
    r"\bstupid", r"\bidiot", r"\bdumb\b", r"\bmoron", r"\bshut up\b", r"\bliars?\b", r"\bpathetic\b",
    r"\bridiculous\b", r"\bwhin(e|ing|er)\b", r"\bcrap\b", r"\bdamn", r"\bbloody\b", r"\bhell\b", r"\bwtf\b",
    r"\bf+u+c+k", r"\bshit", r"\bbitch", r"\bloser", r"\bsnowflake", r"\bkaren\b", r"\btroll",
    r"\bcalm down\b", r"\bget a life\b", r"\bgrow up\b", r"\blearn to read\b", r"\byour (own )?fault\b",
    r"\bnot our problem\b",
    r"\bstupide", r"\bdebile", r"\bcretin", r"\bta gueule\b", r"\bla ferme\b", r"\bfermez[- ]la\b",
    r"\bmenteu(r|se|rs|ses)\b", r"\bridicule", r"\bpathetique", r"\bmerde", r"\bcalmez[- ]vous\b",
    r"\bn'importe quoi\b", r"\bconna(rd|sse)", r"\bcons?\b", r"\bconnes?\b", r"\bpleurnich", r"\bvotre faute\b",
    r"\bpas notre probleme\b", r"\bputain\b", r"\bchiant",
))


def acknowledges(text: str) -> bool:
    """The reply shows the problem was heard: thanks for telling, "we understand", "you are right", names it."""
    return bool(ACKNOWLEDGING.search(plain(text)))


def apologises(text: str) -> bool:
    """The reply says sorry for the company's fault ("sorry", "désolés", "our mistake"), not "sorry you feel that way"."""
    return bool(APOLOGISING.search(NON_APOLOGIES.sub(" ", plain(text))))


def offers_private_channel(text: str) -> bool:
    """The reply invites the customer to a private channel: a direct message (DM, MP), an e-mail, a call."""
    return bool(PRIVATE_CHANNEL.search(plain(text)))


def sales_pitch(text: str) -> bool:
    """The reply sells: a discount or promo code, "try our new …", a link, "follow us", "découvrez …"."""
    return bool(SALES_PITCH.search(plain(text)))


def abusive_words(text: str) -> list[str]:
    """The insults, swear words or belittling phrases in the reply ("calm down", "idiot", "n'importe quoi")."""
    return [m.group(0) for m in ABUSIVE.finditer(plain(text))]


def fits_in_a_post(text: str) -> bool:
    """At most 280 characters (one post on X), spaces and emoji included."""
    return len(str(text).strip()) <= REPLY_LIMIT


# --------------------------------------------------------------------------- the rubric, as data


class Rule(NamedTuple):
    """One line of the reply rubric: a short key, what a good reply does, the test, its points, advice."""

    key: str
    label: str
    test: Callable[[str], bool]
    points: float
    advice: str


def _not_needed(text: str) -> bool:
    """Always met: the post is a question, not a complaint, so neither an apology nor a private channel is due."""
    return True


def reply_rules(apology_due: bool = True) -> tuple[Rule, ...]:
    """The six rules a public reply is judged by (2 points for each thing it does, 1 for each it avoids).

    For a plain question (``apology_due=False``) no apology and no private channel are due: the answer
    belongs in public, where the next customer with the same question sees it.
    """
    apology = (Rule("apologises", "Apologises, since the complaint is about something we did wrong", apologises,
                    2.0, 'say sorry for the fault itself ("Sorry we forgot your order" / "Désolés pour cet oubli"); '
                         '"sorry you feel that way" is not an apology')
               if apology_due else
               Rule("apologises", "Apologises where due (not due here: the post is a question)", _not_needed,
                    2.0, ""))
    private = (Rule("private", "Offers a private channel", offers_private_channel, 2.0,
                    'move the details out of public view: "Please send us a DM with your order number" / "Écrivez-nous '
                    'en message privé" (never ask for an e-mail address or an order number in public)')
               if apology_due else
               Rule("private", "Offers a private channel where needed (not needed here: a question is answered in "
                               "public, where others see the answer too)", _not_needed, 2.0, ""))
    return (
        Rule("acknowledges", "Acknowledges the problem", acknowledges, 2.0,
             'show you heard it: thank them, say you understand, or name the problem ("Thanks for telling us", '
             '"You are right, that is not OK" / "Merci de nous l\'avoir signalé")'),
        apology,
        private,
        Rule("no_pitch", "No sales pitch", lambda text: not sales_pitch(text), 1.0,
             "take out the offer, discount, code or link: a complaint is not the moment to sell"),
        Rule("no_abuse", "No abusive or belittling words", lambda text: not abusive_words(text), 1.0,
             'remove insults and phrases such as "calm down" or "n\'importe quoi", even quoted from the customer'),
        Rule("short", f"At most {REPLY_LIMIT} characters (one post)", fits_in_a_post, 1.0,
             f"cut it to {REPLY_LIMIT} characters: say the rest in the private conversation"),
    )


def score_reply(text: str, apology_due: bool = True) -> pd.DataFrame:
    """Each rule's verdict on one reply: a table with rows = rules, columns label, met, points, earned, advice.

    The share of points earned is ``table["earned"].sum() / table["points"].sum()``.
    """
    if not isinstance(text, str):
        raise TypeError(f"score_reply() needs the reply as text between quotes, not {type(text).__name__}.")
    rows = [{"label": r.label, "met": bool(r.test(text)), "points": r.points, "advice": r.advice}
            for r in reply_rules(apology_due)]
    table = pd.DataFrame(rows, index=pd.Index([r.key for r in reply_rules(apology_due)], name="rule"))
    table["earned"] = table["points"].where(table["met"], 0.0)
    return table[["label", "met", "points", "earned", "advice"]]


@metric("mentions")
def coach_posts(mentions: pd.DataFrame, starts=COACH_POSTS) -> pd.DataFrame:
    """The posts the reply coach offers to answer: for each opening in ``starts``, the first post about Café
    Lumière that begins with it (columns post_id, ts, platform, lang, text, is_complaint, likes)."""
    _require(mentions, "ts", "brand", "text", "lang", "is_complaint", where="coach_posts")
    ours = mentions[mentions["brand"].astype("object") == "lumiere"].sort_values("ts")
    found = [ours[ours["text"].str.startswith(start)].head(1) for start in starts]
    found = [rows for rows in found if len(rows)]
    if not found:
        raise ValueError("None of the reply coach's posts is in this table: use the course's sample data, "
                         "data.load(\"mentions\").")
    columns = [c for c in ("post_id", "ts", "platform", "lang", "text", "is_complaint", "likes") if c in ours.columns]
    return pd.concat(found)[columns].reset_index(drop=True)
