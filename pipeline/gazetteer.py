"""Word lists the rules rely on: countries (from pycountry), demonyms, and the
vocabulary of official titles and organisation names.

Country names come from ISO 3166 via :mod:`pycountry`; the aliases below are
the forms policy documents actually use ("U.S.", "the Republic of Korea",
"Britain") and the adjectives that name a country ("Danish Foreign Minister").
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

from pipeline.resources import load_data

#: Short common names used in records (ISO names such as "Korea, Republic of"
#: read badly in a list of parties).
SHORT_NAMES = {
    "US": "United States", "GB": "United Kingdom", "KR": "South Korea", "KP": "North Korea",
    "RU": "Russia", "NL": "Netherlands", "TW": "Taiwan", "IR": "Iran", "VN": "Vietnam",
    "SY": "Syria", "LA": "Laos", "BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania",
    "MD": "Moldova", "CZ": "Czech Republic", "FM": "Micronesia", "PS": "Palestine",
    "VA": "Holy See", "BN": "Brunei", "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo", "CI": "Côte d'Ivoire", "TR": "Türkiye", "MK": "North Macedonia",
}

ALIASES = {
    "US": ["U.S.", "U.S.A.", "USA", "US", "America", "United States of America", "United States",
           "the United States", "U.S.A"],
    "GB": ["U.K.", "UK", "Britain", "Great Britain", "United Kingdom",
           "United Kingdom of Great Britain and Northern Ireland"],
    "KR": ["South Korea", "Republic of Korea", "ROK", "Korea"],
    "KP": ["North Korea", "DPRK", "Democratic People's Republic of Korea"],
    "RU": ["Russia", "Russian Federation"],
    "NL": ["Netherlands", "the Netherlands", "Kingdom of the Netherlands", "Holland"],
    "CN": ["China", "People's Republic of China", "PRC"],
    "TW": ["Taiwan"],
    "CZ": ["Czech Republic", "Czechia"],
    "TR": ["Turkey", "Türkiye", "Turkiye"],
    "AE": ["UAE", "United Arab Emirates"],
    "VN": ["Vietnam", "Viet Nam"],
    "IR": ["Iran"],
    "SY": ["Syria"],
    "LA": ["Laos"],
    "CI": ["Côte d'Ivoire", "Cote d'Ivoire", "Ivory Coast"],
    "CD": ["Democratic Republic of the Congo", "DRC"],
}

DEMONYMS = {
    "American": "US", "British": "GB", "Japanese": "JP", "Korean": "KR", "South Korean": "KR",
    "Danish": "DK", "Finnish": "FI", "French": "FR", "German": "DE", "Dutch": "NL",
    "Swedish": "SE", "Swiss": "CH", "Canadian": "CA", "Australian": "AU", "Indian": "IN",
    "Russian": "RU", "Chinese": "CN", "Italian": "IT", "Spanish": "ES", "Norwegian": "NO",
    "Polish": "PL", "Ukrainian": "UA", "Israeli": "IL", "Mexican": "MX", "Brazilian": "BR",
    "Nigerian": "NG", "Rwandan": "RW", "Kenyan": "KE", "Irish": "IE", "Belgian": "BE",
    "Austrian": "AT", "Greek": "GR", "Portuguese": "PT", "Czech": "CZ", "Estonian": "EE",
    "Latvian": "LV", "Lithuanian": "LT", "Singaporean": "SG", "Indonesian": "ID",
    "Vietnamese": "VN", "Thai": "TH", "Philippine": "PH", "Filipino": "PH", "Egyptian": "EG",
    "Saudi": "SA", "Emirati": "AE", "Turkish": "TR", "South African": "ZA", "Argentine": "AR",
    "Chilean": "CL", "Colombian": "CO", "Peruvian": "PE", "New Zealand": "NZ", "Icelandic": "IS",
    "Hungarian": "HU", "Romanian": "RO", "Bulgarian": "BG", "Croatian": "HR", "Slovak": "SK",
    "Slovenian": "SI", "Luxembourgish": "LU", "Maltese": "MT", "Cypriot": "CY", "Pakistani": "PK",
    "Bangladeshi": "BD", "Taiwanese": "TW", "Ghanaian": "GH", "Ethiopian": "ET", "Moroccan": "MA",
}

#: Bodies that can be parties although they are not countries (display name -> forms).
BODIES = {body["name"]: body["forms"] for body in load_data("bodies")["body"]}
_BODY_FORMS = {form.casefold(): name for name, forms in BODIES.items() for form in forms + [name]}


def lookup_body(text: str) -> str | None:
    """A body's record name for one of its forms ("EU" -> "European Union")."""
    return _BODY_FORMS.get(re.sub(r"^the\s+", "", text.strip(), flags=re.I).casefold())


#: National science and technology agencies whose acronym tells the country
#: ("NIST Director Margaret O. Ellison", "President of KRISS").
AGENCIES = {
    "NIST": "US", "NASA": "US", "NSF": "US", "NOAA": "US", "NIH": "US", "OSTP": "US",
    "USAID": "US", "DARPA": "US", "USGS": "US", "NTIA": "US", "USPTO": "US",
    "KRISS": "KR", "KAIST": "KR", "KARI": "KR", "UKRI": "GB", "EPSRC": "GB", "DSIT": "GB",
    "JAXA": "JP", "RIKEN": "JP", "AIST": "JP", "CSIRO": "AU", "ARC": "AU", "ISRO": "IN",
    "DRDO": "IN", "CSIR": "IN", "CNES": "FR", "CNRS": "FR", "CEA": "FR", "DLR": "DE",
    "DFG": "DE", "NSERC": "CA", "CSA": "CA", "CNPq": "BR", "INPE": "BR", "ANID": "CL",
    "CONICET": "AR", "A*STAR": "SG", "KACST": "SA", "TÜBİTAK": "TR", "NWO": "NL", "TNO": "NL",
    "VTT": "FI", "SINTEF": "NO", "FAPESP": "BR", "MBIE": "NZ", "NASRDA": "NG",
}

# Words that name offices and organisations, or make up official titles. A
# capitalised word from this list is never part of a person's name.
TITLE_HEADS = {
    "President", "Vice", "Prime", "Minister", "Secretary", "Director", "Advisor", "Adviser",
    "Administrator", "Ambassador", "Spokesperson", "Spokesman", "Spokeswoman", "Chancellor",
    "Premier", "Commissioner", "Governor", "Senator", "Representative", "Officer", "Chair",
    "Chairman", "Chairwoman", "Chairperson", "Co-Chair", "Counselor", "Counsellor", "Envoy",
    "Coordinator", "Deputy", "Assistant", "Under", "Principal", "Acting", "Executive", "Chief",
    "Head", "Leader", "King", "Queen", "Prince", "Princess", "Emperor", "Mayor", "Attorney",
    "General", "Special", "Senior", "Associate", "Lead", "Manager", "Founder", "CEO", "CTO",
    "Presidential", "Spokesperson", "Member", "Members", "Staff", "Co-Chairs", "Chairs",
    "Foreign", "Science", "Technology", "Defense", "Defence", "Trade", "Energy", "Commerce",
    "State", "National", "Security", "Affairs", "Policy", "Office", "Department", "Council",
    "Agency", "Administration", "Ministry", "Commission", "Committee", "Subcommittee",
    "Foundation", "Institute", "Laboratory", "University", "Government", "House", "White",
    "Bureau", "Division", "Program", "Programme", "Center", "Centre", "Board", "Service",
    "Services", "Authority", "Force", "Navy", "Army", "Research", "Development", "Sciences",
    "Engineering", "International", "Environmental", "Scientific", "Oceans", "Economic",
    "Economy", "Digital", "Communications", "Information", "Quantum", "Space", "Aeronautics",
    "Hemisphere", "Western", "Eastern", "Northern", "Southern", "Land", "Minerals", "Sector",
    "Resources", "Natural", "Federal", "Republic", "Kingdom", "Union", "Summit", "Forum",
    "Strategy", "Initiative", "Coordination", "Relations", "Cooperation", "Partnership",
    "Statement", "Joint", "Agreement", "Accords", "Act", "Report", "Plan", "Framework",
    "Dialogue", "Roundtable", "Meeting", "Working", "Group", "Team", "Task", "Network",
    "Health", "Education", "Interior", "Justice", "Treasury", "Finance", "Labor", "Labour",
    "Agriculture", "Transportation", "Homeland", "Veterans", "Intelligence", "Cabinet",
    "Parliament", "Congress", "Senate", "Embassy", "Consulate", "Mission", "Delegation",
    "Press", "Secretariat", "Establishment", "Climate", "Critical", "Clean", "Industrial",
    "Honorable", "Honourable", "His", "Her", "Excellency", "Majesty", "Highness", "Royal",
    "Society", "Operations", "Company", "Corporation", "Inc",
    # ministerial portfolios
    "Industry", "Innovation", "Mining", "Fisheries", "Environment", "Culture", "Tourism",
    "Transport", "Infrastructure", "Housing", "Employment", "Welfare", "Sport", "Youth", "Women",
    "Equality", "Immigration", "Citizenship", "Refugees", "Universities", "Skills", "Training",
    "Competition", "Consumer", "Water", "Forestry", "Maritime", "Aviation", "Telecommunications",
    "Broadband", "Cyber", "Investment", "Exports", "Action", "Planning", "Statistics", "Budget",
    "Revenue", "Customs", "Small", "Business", "Enterprise", "Manufacturing", "Regional", "Rural",
    "Urban", "Local", "Indigenous", "Families", "Children", "Disability", "Public", "Works",
    "Media", "Arts", "Heritage", "Languages", "Intergovernmental", "Technologies", "Standards",
    "Emerging", "Economics", "Climate", "Earth", "ICT", "Higher", "Vocational", "Oceans",
    "Ocean", "Polar", "Nuclear", "Atomic", "Fusion", "Biotechnology", "Medical", "Food",
    "Agri-Food", "Commonwealth", "Confederation", "Federation", "Crown", "First", "Second",
    "Third", "Minister-President", "Vice-Minister", "Vice-President", "Under-Secretary",
    "Secretary-General", "Director-General", "Deputy-Director", "Commissioner-General",
}

HONORIFICS = ["Dr.", "Dr", "Mr.", "Mr", "Ms.", "Ms", "Mrs.", "Mrs", "Mx.", "Professor", "Prof.",
              "Shri", "Smt.", "Shrimati", "H.E.", "Sir", "Dame", "Hon.", "Hon", "Rev.", "Gen.",
              "Adm.", "Lt.", "Col.", "Capt.", "Sen.", "Rep.", "Gov.", "Amb.", "Eng.", "Engr.",
              "Rt", "Rt.", "Honourable", "Honorable", "Excellency", "Madam", "Mme", "Mme."]

#: Letters after a name that are not part of it ("Oliver Pennington MP").
POST_NOMINALS = {"MP", "MEP", "MLA", "MPP", "MSP", "MS", "TD", "QC", "KC", "SC", "PC", "FRS", "PhD",
                 "Ph.D.", "OBE", "CBE", "MBE", "KBE", "DBE", "CH", "KG", "GCB", "KCB", "CB", "GCMG",
                 "KCMG", "CMG", "GCVO", "KCVO", "CVO", "LVO", "AC", "AO", "AM", "OAM", "AK", "AD",
                 "OC", "CC", "CM", "ONZ", "GNZM", "KNZM", "CNZM", "ONZM", "MNZM", "QSO", "DSC", "MC"}

#: Heads of official titles that can stand right before a name.
TITLE_HEAD_WORDS = [
    "President", "Vice President", "Prime Minister", "Deputy Prime Minister", "Minister",
    "Secretary", "Secretary of State", "Secretary-General", "Director", "Director General",
    "Director-General", "Advisor", "Adviser", "Administrator", "Ambassador", "Spokesperson",
    "Spokesman", "Spokeswoman", "Chancellor", "Premier", "Commissioner", "Governor", "Senator",
    "Representative", "Officer", "Chair", "Chairman", "Chairwoman", "Chairperson", "Counselor",
    "Envoy", "Coordinator", "King", "Queen", "Crown Prince", "Emperor", "Mayor",
    "Attorney General", "Deputy Secretary", "Under Secretary", "Assistant Secretary", "CEO",
    "Chief Executive", "Executive Secretary", "Head", "Leader", "Chief Technology Officer",
    "Chief Scientist", "Science Minister", "National Security Advisor", "Foreign Minister",
]

NON_NAME_WORDS = {
    "The", "This", "That", "These", "Those", "On", "In", "At", "By", "For", "And", "Of", "With",
    "Today", "Yesterday", "Tomorrow", "During", "After", "Before", "Earlier", "Later", "We",
    "Our", "Their", "His", "Her", "It", "Its", "They", "He", "She", "Attendees", "Participants",
    "Recommendation", "Recommendations", "Challenge", "Discussion", "Begin", "End", "Text",
    "Box", "Figure", "Table", "Section", "Chapter", "Annex", "Appendix", "Note", "See", "About",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "Statement", "Readout", "Fact", "Sheet", "Overarching", "Goal",
    "Both", "Each", "All", "Together", "Through", "Under", "Over", "Building", "Recognizing",
    "Affirming", "Acknowledging", "Understanding", "Appreciating", "Mindful", "Noting",
    "Welcoming", "Reaffirming", "Committing", "Supporting", "Promoting", "Embarking",
    "Also", "However", "Additionally", "Accordingly", "Similarly", "Such", "Several", "Many",
    "New", "Camp", "Washington", "Tokyo", "Kyoto", "Hiroshima", "Delhi", "London",
    "Paris", "Berlin", "Beijing", "Seoul", "Ottawa", "Canberra", "Helsinki", "Copenhagen",
    "Science", "Technology", "Quantum", "Information", "Day", "World", "Earth", "Outer", "Space",
    "Artemis", "Accords", "Registration", "Convention", "Rescue", "Return", "Starlink",
    "Reports", "Nation", "Nations", "Administration", "Biden-Harris",
    # instruments
    "Accord", "Treaty", "Declaration", "Memorandum", "Charter", "Protocol", "Pact", "Compact",
    "Understanding", "Arrangement",
    # continents and regions
    "Europe", "Africa", "Asia", "Americas", "Pacific", "Atlantic", "Indo-Pacific", "Arctic",
    "Antarctica", "Caribbean", "Middle", "East", "Latin", "Oceania", "Balkans", "Sahel",
}


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Every surface form -> ISO alpha-2 code."""
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                names.setdefault(value, country.alpha_2)
    for code, aliases in ALIASES.items():
        for alias in aliases:
            names[alias] = code
    return names


def short_name(code: str) -> str:
    if code in SHORT_NAMES:
        return SHORT_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def trailing_country(text: str) -> str | None:
    """The country that ends a title: 'Minister of Education and Research of
    the Republic of Estonia' -> EE; 'NIST Director' -> US (agency)."""
    for m in re.finditer(r"\b(?:of|for|in)\s+(?:the\s+)?", text):
        code = lookup_country(text[m.end():].strip(" ,."))
        if code:
            return code
    for word in re.findall(r"[A-Z][A-Za-z*İ]+", text):
        if word in AGENCIES:
            return AGENCIES[word]
    return None


def lookup_country(text: str) -> str | None:
    """ISO code for a country name, alias or demonym as written, else None."""
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.I)
    names = country_names()
    if text in names:
        return names[text]
    if text in DEMONYMS:
        return DEMONYMS[text]
    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        return None

#: Seats of government: "met ... in Washington" makes the host a party.
CAPITALS = {
    "Washington": "US", "London": "GB", "Tokyo": "JP", "Ottawa": "CA", "Canberra": "AU",
    "New Delhi": "IN", "Paris": "FR", "Berlin": "DE", "Seoul": "KR", "Copenhagen": "DK",
    "Helsinki": "FI", "Stockholm": "SE", "Bern": "CH", "The Hague": "NL", "Amsterdam": "NL",
    "Beijing": "CN", "Moscow": "RU", "Kyiv": "UA", "Brussels": "BE", "Rome": "IT", "Madrid": "ES",
    "Oslo": "NO", "Abuja": "NG", "Kigali": "RW", "Nairobi": "KE", "Mexico City": "MX",
    "Brasília": "BR", "Brasilia": "BR", "Wellington": "NZ", "Dublin": "IE", "Warsaw": "PL",
    "Singapore": "SG", "Jakarta": "ID", "Hanoi": "VN", "Bangkok": "TH", "Manila": "PH",
    "Cairo": "EG", "Riyadh": "SA", "Abu Dhabi": "AE", "Ankara": "TR", "Pretoria": "ZA",
    "Buenos Aires": "AR", "Vienna": "AT", "Lisbon": "PT", "Athens": "GR", "Prague": "CZ",
    "Budapest": "HU", "Bucharest": "RO", "Reykjavik": "IS", "Tallinn": "EE", "Riga": "LV",
    "Vilnius": "LT", "Taipei": "TW", "Islamabad": "PK", "Dhaka": "BD", "Accra": "GH",
    "Addis Ababa": "ET", "Rabat": "MA", "Jerusalem": "IL", "Tel Aviv": "IL",
}


@lru_cache(maxsize=1)
def _given_names():
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


@lru_cache(maxsize=20000)
def is_given_name(word: str) -> bool:
    """A first name in a multinational dictionary (gender-guesser's, about
    48,000 names), and not a title word: "General", "Grace" and "May" are
    names too, but not in "Attorney General" or "May 5"."""
    bare = word.strip(",.")
    if not bare[:1].isupper() or bare in TITLE_HEADS or bare in NON_NAME_WORDS or len(bare) < 2:
        return False
    if bare in country_names():
        return False
    return _given_names().get_gender(bare) != "unknown"


def looks_like_person_line(line: str) -> bool:
    """'The Honourable Priya Deshpande', 'Kristjan Saar': a line that is a name."""
    words = [w for w in line.split() if w.rstrip(".") not in {h.rstrip(".") for h in HONORIFICS}
             and w not in ("The", "Hon")]
    return 2 <= len(words) <= 6 and is_given_name(words[0])
