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

import numpy as np

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
    """Fill each row's template with that row's slot values (all arrays have one entry per row)."""
    names = list(slots)
    columns = [slots[name] for name in names]
    out = np.empty(len(templates), dtype=object)
    for i, template in enumerate(templates):
        text = template.format(**{name: col[i] for name, col in zip(names, columns)})
        out[i] = " ".join(text.split())  # an empty emoji leaves no double space
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
