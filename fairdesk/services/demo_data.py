"""Word lists for the demo event: Saint Lucian-style names, places and employers.

All fictional. Names carry accents, apostrophes and compound surnames on
purpose, so the demo shows what real rosters hold.
"""

from __future__ import annotations

FIRST_NAMES = (
    "Akeem", "Kervin", "Shanique", "Anaïs", "Vernon", "Gaël", "Nathalie", "Kimron", "Shervon",
    "Denzil", "Kadeem", "Josette", "Roxanne", "Marcia", "Petronella", "Ishmael", "Kerlisha",
    "Clémence", "Désirée", "Léon", "Jn-Marie", "Ulric", "Tricia", "Kendra", "Lyndon",
    "Shernelle", "Curtis", "Aurélie", "Mervin", "Fabienne", "Jovanie", "Keisha", "Dwayne",
    "Yannick", "Noëlle", "Rochelle", "Germaine", "Teddy", "Lucienne", "Marvin", "Thérèse",
    "Ozanne", "Cuthbert", "Lise", "Françoise", "Jérôme", "Kayann", "Quinn", "Mariska", "Zoë",
)
LAST_NAMES = (
    "Joseph", "Fontenelle", "Polius", "Modeste", "Louisy", "Elibox", "Lafeuille", "Siméon",
    "O'Neil", "Mathurin", "Charles", "Régis", "Ogiste", "Deterville", "Hippolyte", "Vitalis",
    "Monrose", "Félix", "Toussaint", "Isidore", "Emmanuel", "Jn Baptiste", "St. Rose",
    "Jn Pierre", "St. Hill", "Du Boulay", "Alexander", "Auguste", "Edmund", "François",
    "Gaspard", "Henry", "Jules", "Lubin", "Mondesir", "Nelson", "Prospère", "Théophile",
    "Victor", "Xavier", "Compton", "Léonce", "Daniel", "Cenac", "Descartes", "D'Auvergne",
)
DISTRICTS = (
    "Castries", "Gros Islet", "Babonneau", "Dennery", "Micoud", "Vieux Fort", "Laborie",
    "Choiseul", "Soufrière", "Canaries", "Anse la Raye",
)
DISTRICT_WEIGHTS = (30, 18, 7, 7, 7, 10, 4, 4, 6, 3, 4)
EDUCATION = (
    "CXC / CSEC", "CAPE", "Associate Degree (SALCC)", "Bachelor's Degree", "Master's Degree",
    "Other",
)
ROLES = (
    "Customer Service Agent", "Technical Support", "Sales (outbound)",
    "Back Office / Data Entry", "Team Leader", "Quality Assurance", "IT / Software",
)
EXPERIENCE = ("none", "0", "1", "2-3", "3", "5+")
MAIL_HOSTS = ("gmail.com", "gmail.com", "yahoo.com", "hotmail.com", "candw.lc")

EMPLOYER_PLACES = (
    "Pitons", "Caribbean", "Helios", "Sunbridge", "Rodney Bay", "Island", "Castries",
    "Blue Coral", "Tradewinds", "Soufrière", "Vigie", "Morne", "Marigot", "Hewanorra",
    "Choc Bay", "Reduit", "Pigeon Point", "La Toc", "Gros Piton", "Anse Cochon",
)
EMPLOYER_KINDS = (
    ("BPO", ("Contact Solutions", "BPO", "Outsourcing Group", "CX Partners")),
    ("Contact centre", ("Call Centre Ltd", "Customer Care", "Voice Services")),
    ("Tech services", ("Tech Services", "Digital", "Software Services", "Data Labs")),
)
TAGS = (
    "bilingual", "night shift", "strong English", "French", "Spanish", "tech savvy",
    "sales drive", "team lead", "data entry", "follow up", "great attitude", "needs coaching",
)
CONTACTS = (
    "Marlene Auguste", "Richard Jn Baptiste", "Sharon St. Rose", "Peter Mondesir",
    "Carla Descartes", "Allan Xavier", "Giselle Cenac", "Junior Théophile",
)
NOTES = (
    "Very confident on the phone.",
    "Good French; could cover the Martinique line.",
    "Asked about night shifts — available.",
    "Strong Excel skills, ideal for back office.",
    "Shy at first but warmed up; worth a second look.",
    "Has a cousin already working with us.",
    "Wants a team-lead track within a year.",
    "Needs transport from Vieux Fort.",
    "Excellent attitude. Call back this week.",
    "Typing test: 55 wpm.",
)
