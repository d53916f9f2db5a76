"""Template grammars for the sample posts: English and French, with slots, negation, slang and sarcasm.

A template is ``(topic, flags, text)``: ``flags`` holds ``q`` when the author asks a question and
``c`` when the author complains. Slots in braces are filled per post: ``{handle}`` (the brand's
@handle), ``{name}`` (the brand's name), ``{product}``, ``{feature}``, ``{intens}`` (an
intensifier), ``{emoji}``, ``{tag}`` (a #hashtag) and ``{city}``. Some texts are written to fool
automatic sentiment scorers on purpose: negated positives ("not bad at all", "pas mal du tout"),
negated negatives ("pas terrible"), slang where a negative-looking word is praise ("c'est
terrible", "this slaps") and sarcasm ("great, another 40-minute wait 🙄").
"""

from __future__ import annotations

from string import Formatter

import numpy as np
import pandas as pd

SLOTS = {
    "en": {
        "product": ("espresso", "flat white", "cold brew", "oat latte", "cappuccino", "filter coffee",
                    "croissant", "cinnamon bun", "Ethiopia beans", "house blend", "mocha", "chai latte"),
        "feature": ("service", "app", "loyalty card", "terrace", "playlist", "wifi", "queue",
                    "click & collect", "staff", "new menu"),
        "intens": ("really", "so", "super", "honestly", "seriously", "absolutely"),
        "tag": ("#coffee", "#coffeetime", "#latteart", "#specialtycoffee", "#morningcoffee",
                "#coffeelover", "#flatwhite", "#brunch"),
    },
    "fr": {
        "product": ("espresso", "flat white", "cold brew", "latte à l'avoine", "cappuccino", "café filtre",
                    "croissant", "pain au chocolat", "café d'Éthiopie", "mélange maison", "moka", "chaï latte"),
        "feature": ("le service", "l'appli", "la carte de fidélité", "la terrasse", "la musique", "le wifi",
                    "la file d'attente", "le click & collect", "l'équipe", "la nouvelle carte"),
        "intens": ("vraiment", "trop", "super", "franchement", "grave", "carrément"),
        "tag": ("#café", "#pausecafé", "#latteart", "#cafédespécialité", "#coffeetime", "#brunch",
                "#Lyon", "#Paris"),
    },
}
EMOJI = {
    "positive": ("😍", "☕", "🔥", "👌", "✨", "❤️", "🙌", "😋"),
    "neutral": ("☕", "🤔", "📍", "👀", ""),
    "negative": ("😡", "😤", "👎", "😞", "🤬", "😩"),
}

MENTION_TEMPLATES = {
    ("en", "positive"): (
        ("coffee_quality", "", "{intens} love the {product} at {handle} {emoji}"),
        ("coffee_quality", "", "Best {product} in {city}, hands down. {handle} {tag}"),
        ("service", "", "The {feature} at {name} is {intens} good today {emoji}"),
        ("atmosphere", "", "Perfect morning: {product} on the terrace at {name} {city} {emoji} {tag}"),
        ("service", "", "Thank you {handle} for the {product}, the barista made my day {emoji}"),
        ("new_product", "", "The new {product} at {handle} is {intens} good {emoji} {tag}"),
        ("sustainability", "", "Love that {name} now takes back used coffee grounds for compost {emoji}"),
        ("sustainability", "", "Reusable cup discount at {handle}: more of this please {emoji} #zerowaste"),
        ("app_order", "", "Ordered ahead on the {name} app, {product} ready in 3 min {emoji}"),
        ("price", "", "Happy hour {product} at {handle} for €2.50, {intens} worth it {emoji}"),
        # negation that is really praise
        ("coffee_quality", "", "Not bad at all, the new {product} at {handle} {emoji}"),
        ("service", "", "Can't complain about the {feature} at {name}, honestly {emoji}"),
        ("coffee_quality", "", "Never had a bad {product} at {handle} {tag}"),
        # slang
        ("coffee_quality", "", "ngl the {product} at {handle} slaps {emoji}"),
        ("coffee_quality", "", "{product} from {name} hits different fr {emoji}"),
        ("atmosphere", "", "lowkey obsessed with the {name} café in {city} {tag}"),
        ("coffee_quality", "", "{handle} {product} is sick, no notes {emoji}"),
    ),
    ("en", "neutral"): (
        ("coffee_quality", "", "Grabbing a {product} at {name} in {city} {tag}"),
        ("new_product", "", "{name} has a new {product} on the menu this week"),
        ("atmosphere", "", "Working from {name} {city} today {emoji}"),
        ("coffee_quality", "", "Anyone tried the {product} at {handle}?"),
        ("service", "", "{handle} is opening later on Sundays, apparently"),
        ("business_news", "", "{name} to open two more cafés in {city} next year, says the local press"),
        ("business_news", "", "Interesting results from {name} this quarter, growth driven by {city}"),
        ("business_news", "", "{name} is raising coffee prices by 4% from next month {tag}"),
        ("jobs", "", "{name} is hiring baristas in {city} {tag}"),
        ("sustainability", "", "{name} publishes where its beans come from, farm by farm"),
        ("app_order", "", "{name} app update out today: faster ordering"),
        ("service", "q", "{handle} do you have {product} in the {city} café?"),
        ("service", "q", "{handle} what time do you open on Saturday?"),
        ("app_order", "q", "Hi {handle}, can I order a {product} ahead on the app?"),
        ("price", "q", "{handle} is the reusable cup discount still on?"),
    ),
    ("en", "negative"): (
        ("coffee_quality", "c", "{product} at {handle} was cold again {emoji}"),
        ("service", "c", "{intens} disappointed with the {feature} at {name} {city} {emoji}"),
        ("wait_time", "c", "Waited 25 minutes for a {product} at {handle}. Never again."),
        ("app_order", "c", "{handle} your app is broken and nobody answers {emoji}"),
        ("price", "c", "Overpriced {product} at {name}, not worth it {emoji}"),
        ("service", "c", "Rude staff at {name} {city} this morning {emoji}"),
        ("business_news", "", "{name} keeps expanding while quality drops. Not convinced by the strategy."),
        # negation of a positive word
        ("coffee_quality", "c", "The {product} at {handle} is not great, to be honest"),
        ("new_product", "c", "Not impressed by the new {product} at {name} {emoji}"),
        ("service", "c", "Not happy with the {feature} at {name} today"),
        # sarcasm: positive words, negative meaning
        ("wait_time", "c", "great, another 40-minute wait at {handle} 🙄"),
        ("price", "c", "Love paying €6 for a lukewarm {product}. Thanks {handle} 🙄"),
        ("app_order", "c", "Wow {handle}, the app crashed again. Brilliant. 🙃"),
        ("service", "c", "Oh good, {name} forgot my order. Again. Amazing service 👏"),
        # slang
        ("coffee_quality", "c", "{product} at {handle} is mid tbh {emoji}"),
        ("wait_time", "c", "bruh the queue at {name} {city} rn {emoji}"),
        ("wait_time", "cq", "{handle} why is the queue always 30 minutes?? {emoji}"),
    ),
    ("fr", "positive"): (
        ("coffee_quality", "", "J'adore le {product} de {handle} {emoji}"),
        ("coffee_quality", "", "Meilleur {product} de {city}, sans hésiter. {handle} {tag}"),
        ("service", "", "{feature} chez {name}, {intens} top aujourd'hui {emoji}"),
        ("atmosphere", "", "Matinée parfaite : {product} en terrasse chez {name} {emoji} {tag}"),
        ("service", "", "Merci {handle} pour le {product}, le barista a sauvé ma matinée {emoji}"),
        ("new_product", "", "Le nouveau {product} de {handle} est {intens} bon {emoji}"),
        ("sustainability", "", "Bravo à {name} qui récupère le marc de café pour le compost {emoji}"),
        ("sustainability", "", "Réduction avec sa tasse réutilisable chez {handle}, j'adore {emoji}"),
        ("app_order", "", "Commandé sur l'appli {name}, {product} prêt en 3 min {emoji}"),
        ("price", "", "{product} à 2,50 € pendant l'happy hour chez {handle}, {intens} rentable {emoji}"),
        # negation that is really praise
        ("coffee_quality", "", "Pas mal du tout, le nouveau {product} chez {handle} {emoji}"),
        ("coffee_quality", "", "Rien à redire sur le {product} de {name} {emoji}"),
        ("coffee_quality", "", "Jamais déçu par le {product} de {handle} {tag}"),
        # slang ("c'est terrible" = it's great)
        ("coffee_quality", "", "Le {product} de {handle}, c'est terrible {emoji}"),
        ("coffee_quality", "", "trop bon le {product} chez {name} wesh {emoji}"),
        ("coffee_quality", "", "{product} de {handle} validé 👌 {tag}"),
        ("atmosphere", "", "Le café {name} de {city} c'est une dinguerie {emoji}"),
    ),
    ("fr", "neutral"): (
        ("coffee_quality", "", "Petit {product} chez {name} à {city} {tag}"),
        ("new_product", "", "{name} propose un nouveau {product} cette semaine"),
        ("atmosphere", "", "En télétravail chez {name} {city} aujourd'hui {emoji}"),
        ("coffee_quality", "", "Quelqu'un a testé le {product} de {handle} ?"),
        ("service", "", "{handle} ouvre plus tard le dimanche, apparemment"),
        ("business_news", "", "{name} va ouvrir deux cafés de plus à {city} l'an prochain, selon la presse"),
        ("business_news", "", "Résultats intéressants pour {name} ce trimestre, portés par {city}"),
        ("business_news", "", "{name} augmente le prix du café de 4 % le mois prochain {tag}"),
        ("jobs", "", "{name} recrute des baristas à {city} {tag}"),
        ("sustainability", "", "{name} publie l'origine de ses grains, ferme par ferme"),
        ("app_order", "", "Mise à jour de l'appli {name} aujourd'hui, commande plus rapide"),
        ("service", "q", "{handle} vous avez du {product} à {city} ?"),
        ("service", "q", "{handle} vous ouvrez à quelle heure samedi ?"),
        ("app_order", "q", "Bonjour {handle}, on peut commander un {product} sur l'appli ?"),
        ("price", "q", "{handle} la réduction tasse réutilisable marche toujours ?"),
    ),
    ("fr", "negative"): (
        ("coffee_quality", "c", "{product} froid chez {handle}, encore une fois {emoji}"),
        ("service", "c", "{intens} déçu par {feature} chez {name} {city} {emoji}"),
        ("wait_time", "c", "25 minutes d'attente pour un {product} chez {handle}. Plus jamais."),
        ("app_order", "c", "{handle} votre appli ne marche pas et personne ne répond {emoji}"),
        ("price", "c", "{product} hors de prix chez {name}, ça ne vaut pas le coup {emoji}"),
        ("service", "c", "Personnel désagréable chez {name} {city} ce matin {emoji}"),
        ("business_news", "", "{name} ouvre partout pendant que la qualité baisse. Stratégie douteuse."),
        # negation ("pas terrible" = not good)
        ("new_product", "c", "Pas terrible, le nouveau {product} de {handle}"),
        ("coffee_quality", "c", "Le {product} de {name} n'est pas à la hauteur"),
        ("service", "c", "Pas convaincu par {feature} chez {handle} {emoji}"),
        # sarcasm
        ("wait_time", "c", "Génial, encore 40 minutes d'attente chez {handle} 🙄"),
        ("price", "c", "Super, 6 € pour un {product} tiède. Merci {handle} 🙄"),
        ("app_order", "c", "Bravo {handle}, l'appli a encore planté. Chapeau 👏"),
        ("service", "c", "Quel plaisir, {name} a encore oublié ma commande. Service au top 👏"),
        # slang
        ("coffee_quality", "c", "Le {product} de {handle} c'est bof bof {emoji}"),
        ("wait_time", "c", "la queue chez {name} {city} c'est abusé {emoji}"),
        ("wait_time", "cq", "{handle} pourquoi toujours 30 minutes d'attente ?? {emoji}"),
    ),
}

# Mentions caused by the intern's post (Café Lumière only, spring backlash).
BACKLASH_TEMPLATES = {
    ("en", "negative"): (
        ("controversy", "c", "That post from {handle} mocking customers who take milk is {intens} out of line {emoji}"),
        ("controversy", "c", "Who approved this {handle} post? Laughing at your own customers… #BoycottLumiere"),
        ("controversy", "c", "Delete the post, {handle}. Not funny. {emoji}"),
        ("controversy", "c", "So {handle} thinks oat-milk drinkers are idiots? Noted. Taking my money elsewhere."),
        ("controversy", "c", "Great marketing {handle}: insult your customers and call it a joke 🙄"),
        ("controversy", "c", "Unfollowed {handle} after that snobby post #BoycottLumiere"),
        ("controversy", "cq", "{handle} are you going to apologise for that post or not? {emoji}"),
    ),
    ("en", "neutral"): (
        ("controversy", "", "{name}'s post about milk drinkers is getting a lot of reactions {emoji}"),
        ("controversy", "", "{handle} has deleted its post about oat-milk lattes"),
        ("controversy", "q", "Did {handle} really post that about customers who take milk?"),
    ),
    ("en", "positive"): (
        ("controversy", "", "Honestly the {handle} post was a joke, people need to relax. Still love their {product} {emoji}"),
        ("controversy", "", "Respect to {handle} for apologising quickly {emoji}"),
    ),
    ("fr", "negative"): (
        ("controversy", "c", "Le post de {handle} qui se moque des clients, sérieusement ? {emoji}"),
        ("controversy", "c", "Qui a validé ce post chez {handle} ? Se moquer de ses propres clients… #BoycottLumiere"),
        ("controversy", "c", "Supprimez ce post {handle}, ce n'est pas drôle {emoji}"),
        ("controversy", "c", "Bravo {handle}, insulter ses clients, belle stratégie 👏"),
        ("controversy", "c", "Désabonné de {handle} après ce post méprisant #BoycottLumiere"),
        ("controversy", "c", "Donc pour {handle} on est des idiots si on prend du lait ? Je vais ailleurs {emoji}"),
    ),
    ("fr", "neutral"): (
        ("controversy", "", "Le post de {name} sur le lait d'avoine fait polémique {emoji}"),
        ("controversy", "", "{handle} a supprimé son post sur les lattes"),
    ),
    ("fr", "positive"): (
        ("controversy", "", "Franchement c'était de l'humour, je continue d'aimer le {product} de {handle} {emoji}"),
        ("controversy", "", "Merci {handle} pour les excuses rapides {emoji}"),
    ),
}


def fill(templates: np.ndarray, slots: dict[str, np.ndarray]) -> np.ndarray:
    """Fill each row's template with that row's slot values (all arrays have one entry per row).

    Vectorised per template: the literal pieces and slot columns are concatenated with numpy's
    string functions, then double spaces left by an empty emoji are removed.
    """
    out = np.empty(len(templates), dtype=object)
    codes, uniques = pd.factorize(pd.Series(templates, dtype=object), sort=True)
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
    for k, template in enumerate(uniques):
        rows = order[bounds[k]:bounds[k + 1]]
        pieces = np.full(len(rows), "", dtype=str)
        for literal, field, _, _ in Formatter().parse(template):
            if literal:
                pieces = np.strings.add(pieces, literal)
            if field:
                pieces = np.strings.add(pieces, slots[field][rows].astype(str))
        pieces = np.strings.strip(np.strings.replace(pieces, "  ", " "))
        out[rows] = pieces.astype(object)
    return out


def slot_values(rng: np.random.Generator, langs: np.ndarray, sentiments: np.ndarray) -> dict[str, np.ndarray]:
    """Random product, feature, intensifier, hashtag and emoji for each row, in the row's language."""
    n = len(langs)
    values: dict[str, np.ndarray] = {}
    for slot in ("product", "feature", "intens", "tag"):
        col = np.empty(n, dtype=object)
        for lang in ("en", "fr"):
            mask = langs == lang
            options = np.asarray(SLOTS[lang][slot], dtype=object)
            col[mask] = options[rng.integers(0, len(options), size=int(mask.sum()))]
        values[slot] = col
    emoji = np.empty(n, dtype=object)
    for sentiment, options in EMOJI.items():
        mask = sentiments == sentiment
        emoji[mask] = np.asarray(options, dtype=object)[rng.integers(0, len(options), size=int(mask.sum()))]
    values["emoji"] = emoji
    return values

BRAND_POST_SLOTS = {
    "en": {"origin": ("Ethiopia", "Colombia", "Brazil", "Kenya", "Guatemala"),
           "day": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")},
    "fr": {"origin": ("Éthiopie", "Colombie", "Brésil", "Kenya", "Guatemala"),
           "day": ("lundi", "mardi", "mercredi", "jeudi", "vendredi")},
}
# French needs the right preposition: "en Éthiopie" but "au Brésil", "d'Éthiopie" but "du Kenya".
FRENCH_ORIGIN = {
    "Éthiopie": ("en Éthiopie", "d'Éthiopie"), "Colombie": ("en Colombie", "de Colombie"),
    "Brésil": ("au Brésil", "du Brésil"), "Kenya": ("au Kenya", "du Kenya"),
    "Guatemala": ("au Guatemala", "du Guatemala"),
}


def origin_phrases(origin: np.ndarray) -> dict[str, np.ndarray]:
    """The ``{in_origin}`` and ``{of_origin}`` slots (French prepositions) for each row's origin."""
    in_origin = np.array([FRENCH_ORIGIN.get(o, (f"in {o}", o))[0] for o in origin], dtype=object)
    of_origin = np.array([FRENCH_ORIGIN.get(o, (f"in {o}", o))[1] for o in origin], dtype=object)
    return {"in_origin": in_origin, "of_origin": of_origin}


BRAND_LINKS = {"lumiere": "cafe-lumiere.fr/offres", "grano": "grano.co/app", "maison": "maison-torrefaction.fr"}

# The brands' own posts, by language and post type: (topic, flags, text).
BRAND_POST_TEMPLATES = {
    ("en", "automated_promo"): (
        ("promotion", "", "☕ {product} of the week: €3.20 in every {name} café. Order now on our app! {link} {tag}"),
        ("promotion", "", "Don't miss it: 2-for-1 {product} this {day} only {emoji} {link}"),
        ("new_product", "", "New in store: {product}. Available in {city} from today {link} {tag}"),
        ("loyalty", "", "Loyalty members: double points on every {product} this week {link}"),
        ("promotion", "", "Treat yourself! 20% off all {product} orders on the app until Sunday {link}"),
    ),
    ("fr", "automated_promo"): (
        ("promotion", "", "☕ Le {product} de la semaine : 3,20 € dans tous nos cafés. Commandez sur l'appli ! {link} {tag}"),
        ("promotion", "", "À ne pas manquer : 2 {product} pour le prix d'un ce {day} {emoji} {link}"),
        ("new_product", "", "Nouveau : {product}, disponible à {city} dès aujourd'hui {link} {tag}"),
        ("loyalty", "", "Membres fidélité : points doublés sur chaque {product} cette semaine {link}"),
        ("promotion", "", "Faites-vous plaisir ! -20 % sur les {product} commandés sur l'appli jusqu'à dimanche {link}"),
    ),
    ("en", "conversation"): (
        ("community", "", "What's your go-to order on a Monday morning? Ours is a {product} {emoji}"),
        ("community", "", "Tell us: oat, soy or whole milk in your {product}? 👇"),
        ("community", "", "Our {city} team says hello! Who's visiting this weekend? {emoji}"),
        ("community", "", "We read every comment: what should we add to the menu next?"),
        ("coffee_craft", "", "A customer asked why our {product} tastes different in winter. Great question, here's our answer 🧵"),
    ),
    ("fr", "conversation"): (
        ("community", "", "Votre commande préférée le lundi matin ? La nôtre : un {product} {emoji}"),
        ("community", "", "Lait d'avoine, de soja ou entier dans votre {product} ? 👇"),
        ("community", "", "L'équipe de {city} vous dit bonjour ! Qui passe ce week-end ? {emoji}"),
        ("community", "", "On lit tous vos commentaires : que doit-on ajouter à la carte ?"),
        ("coffee_craft", "", "Un client nous a demandé pourquoi notre {product} a un autre goût en hiver. Bonne question, on vous explique 🧵"),
    ),
    ("en", "expertise"): (
        ("coffee_craft", "", "Why we roast our Ethiopia beans lighter: a thread on acidity and sweetness 🧵"),
        ("sourcing", "", "Three things we learned visiting our partner farms in {origin} this year"),
        ("coffee_craft", "", "Water temperature matters: 92–96 °C for filter coffee. Here's why."),
        ("industry", "", "How the 2025 coffee price spike changes sourcing for small roasters"),
        ("coffee_craft", "", "Our head roaster on why freshness beats origin for espresso"),
        ("sustainability", "", "What it really costs to pay farmers in {origin} a living income: our numbers"),
    ),
    ("fr", "expertise"): (
        ("coffee_craft", "", "Pourquoi nous torréfions nos grains d'Éthiopie plus clair : acidité et sucrosité 🧵"),
        ("sourcing", "", "Trois leçons de nos visites chez nos producteurs partenaires {in_origin} cette année"),
        ("coffee_craft", "", "La température de l'eau compte : 92–96 °C pour un café filtre. Explications."),
        ("industry", "", "Ce que la flambée des cours du café en 2025 change pour les petits torréfacteurs"),
        ("coffee_craft", "", "Notre torréfacteur en chef : pourquoi la fraîcheur compte plus que l'origine pour l'espresso"),
        ("sustainability", "", "Ce que coûte vraiment un revenu décent pour les producteurs {in_origin} : nos chiffres"),
    ),
    ("en", "reply"): (
        ("customer_care", "", "Thanks for the kind words, see you soon in {city}! {emoji}"),
        ("customer_care", "", "Sorry about the wait this morning, we've passed it on to the {city} team. Could you DM us your order number?"),
        ("customer_care", "", "Yes! The {product} is available in every café."),
        ("customer_care", "", "Thanks for flagging this, the app fix is on its way."),
    ),
    ("fr", "reply"): (
        ("customer_care", "", "Merci pour ce gentil message, à bientôt à {city} ! {emoji}"),
        ("customer_care", "", "Désolés pour l'attente ce matin, on a transmis à l'équipe de {city}. Vous pouvez nous envoyer votre numéro de commande en message privé ?"),
        ("customer_care", "", "Oui ! Le {product} est disponible dans tous nos cafés."),
        ("customer_care", "", "Merci du signalement, le correctif de l'appli arrive."),
    ),
}

# Employees' own posts, by language and policy label: (topic, flags, text). Flags: "e" marks
# the behind-the-scenes format tried in the spring experiment. Some "ok" posts use words a naive
# word list would flag ("killer", "insane", "dead tired"); some violations use no rude word at all.
EMPLOYEE_POST_TEMPLATES = {
    ("en", "ok"): (
        ("coffee", "", "First {product} of the day, pulled it myself {emoji}"),
        ("coffee", "", "This new {product} is insane, come and try it {emoji}"),
        ("coffee", "", "Killer crema on today's {product} {emoji} {tag}"),
        ("work_life", "", "Dead tired after the Saturday rush but what a team {emoji}"),
        ("events", "", "Latte art throwdown at our {city} café tonight! {tag}"),
        ("customer_story", "", "A regular brought us flowers today for our 5th birthday in {city} {emoji}"),
        ("recruiting", "", "We're hiring baristas in {city}, DM me if you love coffee {emoji}"),
        ("company_news", "", "Proud of our new reusable cup scheme at Café Lumière {emoji}"),
        ("personal", "", "Sunday hike, no coffee machine in sight {emoji}"),
        ("behind_the_scenes", "e", "Behind the scenes: how we cup a new {origin} lot before buying it {emoji}"),
        ("behind_the_scenes", "e", "Ask the roaster: what do you want to know about your {product}? 👇"),
        ("behind_the_scenes", "e", "5 a.m. at the roastery: the first batch of the day {emoji}"),
    ),
    ("fr", "ok"): (
        ("coffee", "", "Premier {product} de la journée, fait maison {emoji}"),
        ("coffee", "", "Ce nouveau {product} est une tuerie, venez goûter {emoji}"),
        ("coffee", "", "Une crème de malade sur le {product} ce matin {emoji} {tag}"),
        ("work_life", "", "Crevé après le rush du samedi mais quelle équipe {emoji}"),
        ("events", "", "Concours de latte art ce soir dans notre café de {city} ! {tag}"),
        ("customer_story", "", "Une habituée nous a apporté des fleurs pour nos 5 ans à {city} {emoji}"),
        ("recruiting", "", "On recrute des baristas à {city}, écrivez-moi si vous aimez le café {emoji}"),
        ("company_news", "", "Fière de notre nouvelle consigne de tasses chez Café Lumière {emoji}"),
        ("personal", "", "Rando du dimanche, aucune machine à café à l'horizon {emoji}"),
        ("behind_the_scenes", "e", "Dans les coulisses : comment on goûte un nouveau lot {of_origin} avant de l'acheter {emoji}"),
        ("behind_the_scenes", "e", "Demandez au torréfacteur : que voulez-vous savoir sur votre {product} ? 👇"),
        ("behind_the_scenes", "e", "5 h du matin à la torréfaction : la première fournée du jour {emoji}"),
    ),
    ("en", "insult"): (
        ("customer_story", "", "Customer just asked if decaf has caffeine. Some people shouldn't be allowed out 🙄"),
        ("customer_story", "", "To the idiot who left a 1-star review because we don't do ketchup: grow up"),
        ("work_life", "", "Our customers in {city} are the rudest, dumbest people I've ever served"),
    ),
    ("fr", "insult"): (
        ("customer_story", "", "Un client m'a demandé si le déca contient de la caféine. Il y a des gens qu'on ne devrait pas laisser sortir 🙄"),
        ("customer_story", "", "Au crétin qui nous a mis 1 étoile parce qu'on n'a pas de ketchup : grandis un peu"),
        ("work_life", "", "Les clients de {city} sont vraiment les plus débiles que j'ai jamais servis"),
    ),
    ("en", "profanity"): (
        ("work_life", "", "What a shit day at the {city} café, f*** this espresso machine"),
        ("work_life", "", "Bloody hell, 300 coffees before noon. Damn."),
        ("coffee", "", "This {product} is f***ing amazing though"),
    ),
    ("fr", "profanity"): (
        ("work_life", "", "Journée de merde au café de {city}, putain de machine"),
        ("work_life", "", "Bordel, 300 cafés avant midi."),
        ("coffee", "", "Ce {product} est putain de bon quand même"),
    ),
    ("en", "confidential"): (
        ("company_news", "", "Can't say much but we're opening in Berlin in September, budget already signed 🤫"),
        ("company_news", "", "Q2 numbers are in: sales down 8% in Paris. Not great."),
        ("company_news", "", "Our new supplier price for {origin} beans is €7.10/kg, way below Grano's"),
        ("company_news", "", "Sneak peek of the new loyalty app before launch: screenshots below 👀"),
    ),
    ("fr", "confidential"): (
        ("company_news", "", "Je ne peux pas trop en dire mais on ouvre à Berlin en septembre, budget validé 🤫"),
        ("company_news", "", "Les chiffres du T2 sont tombés : ventes en baisse de 8 % à Paris."),
        ("company_news", "", "Notre nouveau prix d'achat pour les grains {of_origin} : 7,10 €/kg, bien moins que Grano"),
        ("company_news", "", "Avant-première de la nouvelle appli fidélité, captures ci-dessous 👀"),
    ),
    ("en", "off_values"): (
        ("personal", "", "Fair trade is a marketing scam, nobody in {origin} actually benefits"),
        ("work_life", "", "Honestly we should stop hiring people over 50, they're too slow behind the bar"),
        ("personal", "", "Reusable cups are a joke, I throw them all away at closing"),
    ),
    ("fr", "off_values"): (
        ("personal", "", "Le commerce équitable c'est du marketing, personne {in_origin} n'en profite"),
        ("work_life", "", "Franchement il faudrait arrêter d'embaucher des plus de 50 ans, trop lents au comptoir"),
        ("personal", "", "Les tasses réutilisables c'est une blague, je les jette toutes à la fermeture"),
    ),
}

# Reviews, by language and stars: plain text, some with slots.
REVIEW_TEMPLATES = {
    ("en", 5): ("Best {product} in {city}. Friendly staff, lovely place.", "Perfect every time. The {product} is outstanding.",
                "Can't fault it: great coffee, great people {emoji}", "Not cheap, but worth every penny.",
                "My favourite café in {city}, hands down."),
    ("en", 4): ("Very good {product}, a bit busy at lunchtime.", "Good coffee, slow service on weekends.",
                "Lovely spot, the {product} was nearly perfect.", "Not bad at all, will come back."),
    ("en", 3): ("OK coffee, nothing special.", "The {product} was fine but the queue was long.",
                "Average. Expected more for the price."),
    ("en", 2): ("Lukewarm {product} and a long wait.", "Not great. Staff seemed overwhelmed.",
                "Used to be good, not any more."),
    ("en", 1): ("Terrible service, waited 30 minutes and left.", "Cold {product}, rude staff. Never again.",
                "Great, another 40-minute wait for a burnt {product} 🙄", "Avoid. Overpriced and dirty tables."),
    ("fr", 5): ("Meilleur {product} de {city}. Équipe adorable, lieu magnifique.", "Parfait à chaque fois. Le {product} est top.",
                "Rien à redire : bon café, gens sympas {emoji}", "Pas donné, mais ça vaut le coup.",
                "Mon café préféré à {city}, sans hésiter."),
    ("fr", 4): ("Très bon {product}, un peu de monde le midi.", "Bon café, service lent le week-end.",
                "Endroit sympa, le {product} était presque parfait.", "Pas mal du tout, je reviendrai."),
    ("fr", 3): ("Café correct, sans plus.", "Le {product} était bien mais la file d'attente trop longue.",
                "Moyen. J'attendais mieux pour le prix."),
    ("fr", 2): ("{product} tiède et longue attente.", "Pas terrible. Personnel débordé.",
                "C'était bien avant, plus maintenant."),
    ("fr", 1): ("Service lamentable, 30 minutes d'attente et je suis parti.", "{product} froid, personnel désagréable. Plus jamais.",
                "Génial, encore 40 minutes pour un {product} brûlé 🙄", "À éviter. Trop cher et tables sales."),
}
BACKLASH_REVIEW_TEMPLATES = {
    "en": ("Mocking your own customers online? No thanks.", "1 star for the snobby post about milk drinkers.",
           "Won't be back after that post. #BoycottLumiere"),
    "fr": ("Se moquer de ses clients sur les réseaux ? Non merci.", "1 étoile pour le post méprisant sur le lait.",
           "Je ne reviendrai pas après ce post. #BoycottLumiere"),
}
