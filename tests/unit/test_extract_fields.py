"""Kind, title, parties, principles and recommendations on small documents."""

import pytest


def _principles(record):
    return [p.text for p in record.principles]


@pytest.mark.parametrize("text, kind", [
    ("Joint Statement of Canada and Mexico\n\nRecognizing that science matters; we affirm our intent.", "joint_statement"),
    ("Readout of the Secretary’s Call with the Foreign Minister of Chile\n\nThe Secretary spoke with the Minister.", "readout"),
    ("Canada and Chile Sign Space Agreement\n\nToday Canada and Chile signed an agreement. “A great day,” said the Minister.", "press_release"),
    ("Fact Sheet: New Investments in Research\n\n- A commitment to fund labs.", "other"),
    # (a joint release of one government's ministers is that office's announcement)
    ("Joint Media Release with the Minister for Trade, Simon Crean\n\nAustralian and Chinese banks today "
     "signed a Memorandum of Understanding. The Prime Minister welcomed the agreement.", "press_release"),
    ("JOINT STATEMENT BY THE PRIME MINISTER, THE HON P J KEATING, AND THE MINISTER FOR LAND TRANSPORT\n\n"
     "The Government has approved $470 million for rail projects in South Australia.", "press_release"),
    ("Joint Statement with Prime Minister Yasuo Fukuda of Japan\n\nThe Prime Ministers of Australia and "
     "Japan met today in Tokyo and agreed to deepen cooperation.", "joint_statement"),
    # (one ministry's statement to the press, however many governments it names)
    ("PRESS STATEMENT: OFFICIAL VISIT OF THE PRIME MINISTER OF MALAYSIA TO THE REPUBLIC OF SINGAPORE\n\n"
     "The Prime Minister of Malaysia will undertake an Official Visit to the Republic of Singapore. The two "
     "leaders are expected to witness the exchange of several Memoranda of Understanding.", "press_release"),
    # (a joint readout is a readout, whoever issues it)
    ("Joint Readout of the U.S.-Japan Economic Policy Consultative Committee\n\nThe delegations met in "
     "Tokyo on July 29 and discussed supply chains, export controls and energy security.", "readout"),
    # (the account of a courtesy call is a readout)
    ("Prime Minister receives courtesy call from Japanese Ambassador\n\nThe Prime Minister today received "
     "a courtesy call from the Ambassador of Japan. They discussed bilateral cooperation in trade.", "readout"),
    # (a report's title page names whom it reports to; a release about a report is a release)
    ("REPORT TO THE MINISTER BY THE EXPERT PANEL ON WATER SECURITY\n\nThe Panel finds that supply is "
     "at risk. The Government should fund new storage.", "report"),
    ("Secretary Welcomes Report to Congress on Water Security\n\nThe Secretary today welcomed the report "
     "of the expert panel.", "press_release"),
    # (a text in the voice of several governments' ministers is theirs jointly, whatever its title)
    ("Statement by the G7 Foreign Ministers on Iran\n\nWe, the G7 Foreign Ministers of Canada, France, "
     "Germany, Italy, Japan, the United Kingdom and the United States, condemn the attack.", "joint_statement"),
    ("Statement by ASEAN Foreign Ministers on Myanmar\n\nWe, the ASEAN Foreign Ministers, express our deep "
     "concern over the situation in Myanmar.", "joint_statement"),
    # (and a one-office statement stays one, however "Joint Statement" titles read)
    ("Foreign Secretary statement on the situation in Sudan\n\nForeign Secretary James Cleverly said: I am "
     "deeply concerned by the violence in Sudan. I urge all parties to end the fighting.", "press_release"),
    # (a page's genre label says its kind, with a headline under it or none: a
    # statement's numbered paragraphs may follow the label directly)
    ("JOINT PRESS STATEMENT\n\nAt the invitation of the Prime Minister of Malaysia, the Prime Minister of "
     "Viet Nam undertook an Official Visit to Malaysia. The two Prime Ministers held a meeting.", "joint_statement"),
    ("JOINT STATEMENT\n\n1. At the invitation of the Prime Minister of Malaysia, the Prime Minister of Viet "
     "Nam undertook an Official Visit to Malaysia.\n\n2. The two Prime Ministers held a meeting.", "joint_statement"),
    ("JOINT MEDIA STATEMENT\n\nCHILE-PERU ANNUAL LEADERS' MEETING\n\nPresident Ana Ruiz and President Tom "
     "Reid held the Annual Leaders' Meeting in Lima on 4 March 2024.", "joint_statement"),
])
def test_kind(extract_text, text, kind):
    assert extract_text(text).kind.value == kind


@pytest.mark.parametrize("text", [
    "PM speech at the UN General Assembly: 20 September 2023\n\nThank you, Mr President. It is an honour "
    "to address this Assembly.",
    "Foreign Secretary's speech at Chatham House\n\nGood afternoon. It is a pleasure to be here.",
    "Transcript: Press conference, Parliament House\n\nPRIME MINISTER: Good morning everyone.\n"
    "JOURNALIST: Prime Minister, what was agreed?\nPRIME MINISTER: We agreed on a plan.",
    "Press Conference with the Premier\n\nPRIME MINISTER: Good morning.\nJOURNALIST: A question.\n"
    "PREMIER: An answer.",
])
def test_speeches_and_transcripts_are_other_and_their_speaker_speaks(extract_text, text):
    assert extract_text(text).kind.value == "other"


@pytest.mark.parametrize("closing", [
    "IN WITNESS WHEREOF, the undersigned, being duly authorised by their respective Governments, have "
    "signed this Memorandum.\n\nDONE at Canberra on 5 May 2023, in duplicate.",
    "Signed in duplicate at Canberra on 5 May 2023 in the English and Japanese languages.",
    "Signed at Canberra on 5 May 2023.",
    "Signed in Canberra this fifth day of May, two thousand and twenty-three.",
])
def test_the_text_of_an_instrument_closed_by_its_final_clauses_is_a_joint_statement(extract_text, closing):
    record = extract_text(
        "Memorandum of Understanding between the Government of Australia and the Government of Japan on "
        "Education Cooperation\n\nThe Government of Australia and the Government of Japan have reached the "
        "following understanding:\n\nParagraph 1\n\nThe Participants will promote exchanges of students.\n\n"
        + closing + "\n\nFOR AUSTRALIA:\nPenny Wong\nMinister for Foreign Affairs\n\nFOR JAPAN:\n"
        "Yoshimasa Hayashi\nMinister for Foreign Affairs")
    assert record.kind.value == "joint_statement"
    assert [s.name for s in record.signatories] == ["Penny Wong", "Yoshimasa Hayashi"]


@pytest.mark.parametrize("opening", [
    "Preamble\n\nThe United States of America and Ukraine, underscoring their shared commitment to peace,",
    "The United States of America and Ukraine (hereinafter, the “Parties”), underscoring their commitment,",
])
def test_the_text_of_an_instrument_opened_by_its_preamble_is_a_joint_statement(extract_text, opening):
    record = extract_text("Bilateral Security Agreement Between the United States of America and Ukraine\n\n"
                          + opening + " have decided as follows:\n\nArticle 1\n\nThe Parties will cooperate.")
    assert record.kind.value == "joint_statement"
    # (a release about an agreement is no instrument's text)
    record = extract_text("Secretary Welcomes the Bilateral Security Agreement\n\nThe Secretary today welcomed "
                          "the agreement, which the two governments signed in Kyiv.")
    assert record.kind.value != "joint_statement"


def test_a_proclamation_in_witness_of_one_official_is_no_instrument_between_parties():
    from pipeline.extract import make_context, extract
    from pipeline.parse.text import parse_text
    ctx = make_context(parse_text(
        "Declaration of Emergency\n\nBy the authority vested in me as Governor, I declare a state of emergency."
        "\n\nIN WITNESS WHEREOF, I have hereunto set my hand this ninth day of May, 2024."))
    extract(ctx.parsed, ctx=ctx)
    assert ctx.results["kind"][1].rule == "kind.model"


def test_a_release_header_is_no_transcript_and_remarks_have_a_speaker(extract_text):
    record = extract_text(
        "Meeting with the Prime Minister of Malta\n\nFOR PRESS: PM 111/1966\nEMBARGO: NOT FOR RELEASE "
        "BEFORE 6 PM\nRELEASE: 6 November\n\nThe Prime Minister, Mr. Holt, and Dr. Borg Olivier, the "
        "Prime Minister of Malta, met in Melbourne on Saturday.")
    assert record.kind.value != "other"
    record = extract_text(
        "Remarks by President Biden at the Signing of the CHIPS and Science Act\n\nTHE PRESIDENT: Thank you. "
        "Today is a great day for America. I want to thank Senator Schumer and Speaker Pelosi.")
    assert record.kind.value == "other" and record.signatories == []
    assert ("Biden", "speaker") in {(p.name, p.role.value) for p in record.people}


def test_title_is_the_documents_own_heading(extract_text):
    record = extract_text("# **Report on Quantum Cooperation**\n\nBody text of the report.")
    assert record.title == "Report on Quantum Cooperation"
    assert record.provenance["title"].evidence.text == "Report on Quantum Cooperation"
    assert extract_text("The office announced this week that work would begin soon.").title is None


def test_parties_from_title_and_governments(extract_text):
    record = extract_text(
        "Joint Statement of the United States of America and the Republic of Korea\n\n"
        "The text was released by the Governments of the United States of America and the "
        "Republic of Korea.\n\nThe United States and the Republic of Korea reaffirmed their alliance and "
        "agreed to deepen cooperation on supply chains, clean energy and health security. The two "
        "governments will hold a ministerial dialogue every year. Both countries welcome cooperation "
        "with Japan and India.")
    assert [(p.name, p.country_code) for p in record.parties] == [("United States", "US"),
                                                                 ("South Korea", "KR")]


def test_the_country_a_statement_is_on_is_no_party(extract_text):
    record = extract_text(
        "G7 Leaders' Statement on Ukraine\n\nWe, the Leaders of the Group of Seven (G7), reaffirm our "
        "unwavering support for Ukraine.")
    assert [p.name for p in record.parties] == ["G7"]



def test_the_ministers_who_speak_as_we_are_the_parties_whatever_the_title(extract_text):
    # ("Statement by the ..." reads as one office's; the opening says whose it is)
    record = extract_text(
        "Statement by the G7 Foreign Ministers on Iran\n\nWe, the G7 Foreign Ministers of Canada, France, "
        "Germany, Italy, Japan, the United Kingdom and the United States of America and the High "
        "Representative of the European Union, condemn Iran's attack.")
    assert {"Canada", "France", "Germany", "Italy", "Japan", "United Kingdom", "United States",
            "European Union"} <= {p.name for p in record.parties}


def test_a_capital_is_a_meeting_place_only_after_a_preposition():
    from types import SimpleNamespace

    from pipeline.extract.parties import _capital_mentions

    text = "met in  Canberra, flew to\nTokyo; Berlin Paris; within Paris; from Paris_2; at London"
    found = [(text[start:end], code) for start, end, code in _capital_mentions(SimpleNamespace(text=text))]
    assert found == [("Canberra", "AU"), ("Tokyo", "JP"), ("London", "GB")]


def test_a_document_of_we_opens_a_line_with_we():
    from pipeline.extract.parties import _line_opens_with_we

    assert _line_opens_with_we("Joint Statement\n\n \tWe, the Leaders of Chile and Peru")
    assert _line_opens_with_we("WE AGREE")
    assert not _line_opens_with_we("As We, the Leaders")
    assert not _line_opens_with_we("Were they there?\nWeekly")


def test_readout_parties_from_officials_and_meeting_place(extract_text):
    record = extract_text(
        "Secretary’s Meeting with Norwegian Foreign Minister Eide\n\n"
        "The Secretary met today with Norwegian Foreign Minister Espen Barth Eide in Washington. "
        "They discussed support for Ukraine.")
    # the counterpart's country; the host's (only "The Secretary" and
    # "Washington") is a weaker case the model may leave out
    assert "NO" in {p.country_code for p in record.parties}


def test_a_government_named_only_by_its_officeholder(extract_text):
    # (data/officeholders.toml: Malaysia's Prime Ministers, the United Kingdom's Foreign Secretaries)
    features = _party_candidates(
        "Official Visit to Singapore\n\nPrime Minister Dato' Seri Anwar Ibrahim held a bilateral meeting "
        "with Prime Minister Lee Hsien Loong in Singapore.")
    assert "label:OFFICE" in features["MY"]
    features = _party_candidates(
        "Foreign Secretary meets Indonesian Foreign Minister\n\nThe Foreign Secretary, David Lammy, met "
        "Indonesian Foreign Minister Retno Marsudi. India's Foreign Secretary Vikram Misri joined them.")
    assert "label:OFFICE" in features["GB"]
    assert {c for c, f in features.items() if "label:OFFICE" in f} == {"GB"}


def test_a_signers_line_that_closes_on_its_country_names_the_signers_party(extract_text):
    record = extract_text(
        "Joint statement on Sudan\n\nWe, the foreign ministers of the undersigned countries, call for an "
        "immediate ceasefire.\n\nSignatories:\n- Jean-Noël Barrot, Minister for Europe and Foreign Affairs, "
        "France\n- Annalena Baerbock, Federal Minister for Foreign Affairs, Germany")
    assert {(s.name, s.title, s.country) for s in record.signatories} == {
        ("Jean-Noël Barrot", "Minister for Europe and Foreign Affairs", "France"),
        ("Annalena Baerbock", "Federal Minister for Foreign Affairs", "Germany")}
    features = _party_candidates(
        "Joint statement on Sudan\n\nWe call for an immediate ceasefire.\n\nSignatories:\n- Jean-Noël Barrot, "
        "Minister for Europe and Foreign Affairs, France\n- Annalena Baerbock, Federal Minister for Foreign "
        "Affairs, Germany")
    assert "signer_country" in features["FR"] and "signer_country" in features["DE"]


def test_a_genre_label_over_the_headline_leaves_the_headline_the_title_parties_are_read_in():
    # ("PRESS RELEASE" over the headline: the headline's countries are the
    # title's, as the title extractor reads it)
    features = _party_candidates(
        "PRESS RELEASE\n\nOFFICIAL VISIT OF THE PRIME MINISTER OF MALAYSIA TO THE REPUBLIC OF KOREA\n\n"
        "The Prime Minister of Malaysia will undertake an Official Visit to the Republic of Korea from 24 to "
        "26 November 2024 at the invitation of the President of the Republic of Korea.")
    assert "title" in features["MY"] and "title" in features["KR"]
    # (the country a visit goes to hosts it: a cue for the party model)
    assert "visit_to" in features["KR"] and "visit_to" not in features["MY"]


def _party_candidates(text: str) -> dict[str, dict]:
    from tests.conftest import context_from_text

    from pipeline.extract.parties import candidates

    return {c.code: c.features for c in candidates(context_from_text(text))}


def _party_mentions(text: str) -> dict[str, list[tuple[int, int, str]]]:
    from tests.conftest import context_from_text

    from pipeline.extract.parties import candidates

    return {c.code: c.mentions for c in candidates(context_from_text(text))}


# Whether a candidate becomes a party is the trained model's decision, measured on
# the real gold (tests/test_quality.py); these check what the model is shown.
def test_participants_of_a_meeting_are_described_as_a_participant_list():
    features = _party_candidates(
        "The agency hosted a dialogue this week. The meeting gathered representatives from "
        "Brazil, Kenya, Vietnam and the Philippines to discuss open science.")
    assert set(features) == {"BR", "KE", "VN", "PH"}
    assert all(f.get("participant_list") and f.get("attendance_list") for f in features.values())
    # partners named in a list take part in nothing said here
    features = _party_candidates(
        "The agency signed a contract this week. Our partners include Brazil, Kenya, Vietnam and the "
        "Philippines, all members of the network.")
    assert all(f.get("participant_list") and not f.get("attendance_list") for f in features.values())


def test_countries_that_open_their_sentence_as_its_subject_are_described_as_subjects():
    features = _party_candidates(
        "Joint Statement on Peru\n\nCanada, Mexico, and the United States condemn the attacks on "
        "Peru’s democracy. Today, Japan and Chile reaffirmed their support. The talks in Brazil ended.")
    assert {code for code, f in features.items() if f.get("subject")} == {"CA", "MX", "US", "JP", "CL"}


def test_the_side_a_readout_leaves_unnamed_is_described_as_the_home_side():
    features = _party_candidates(
        "Secretary’s Meeting with Danish Foreign Minister Holm\n\nSecretary of State Anna Berg met "
        "today with Danish Foreign Minister Lars Holm in Washington. They discussed continued U.S. "
        "support for Ukraine and the U.S.-ROK alliance.")
    assert {"DK", "US", "KR", "UA"} <= set(features)
    assert features["US"].get("home_side") and not features["DK"].get("home_side")
    assert features["KR"].get("pair_compound") and features["US"].get("modifier")


def test_the_side_a_headline_leaves_unnamed_is_described_as_the_home_side():
    features = _party_candidates(
        "Readout of Vice President Ana Ruiz’s Meeting with President Samia Kato of Tanzania\n\n"
        "Vice President Ruiz met with President Samia today in Dodoma. The United States and "
        "Tanzania will deepen trade, and the United States will fund new clinics.")
    assert features["US"].get("home_side") and not features["TZ"].get("home_side")


def test_countries_named_in_a_past_signing_are_described_as_past():
    features = _party_candidates(
        "A Report by the Science Council\n\nThis report notes statements signed with Australia, "
        "Denmark and Finland in earlier years.")
    assert set(features) == {"AU", "DK", "FI"}
    assert all(f.get("past_sentence") and not f.get("sign_subject") for f in features.values())


def test_inline_lists_of_values_split_and_kept_whole(extract_text):
    record = extract_text(
        "Joint Statement of Chile and Peru\n\nCooperation is underpinned by our shared values "
        "such as openness and transparency, rigour and integrity in research, balancing openness "
        "and security, and reciprocity; and promoting protection of intellectual property.")
    assert _principles(record) == ["openness", "transparency", "rigour and integrity in research",
                                   "balancing openness and security", "reciprocity"]
    assert record.principles[0].group == "shared values"


def test_look_alikes_are_not_principles(extract_text):
    record = extract_text(
        "Joint Statement of Chile and Peru\n\nWe will tackle issues such as equity, diversity and "
        "inclusion. The Accords are a set of principles to guide exploration. Our shared values "
        "underpin this. The core pillars include safety and productivity.")
    assert record.principles == []


def test_inline_principles_end_where_a_new_clause_or_a_nearer_noun_takes_over(extract_text):
    record = extract_text(
        "Joint Statement of Chile and Peru\n\nTo advance the principles of equity and inclusion, we "
        "aim and strive to ensure investment reaches every region. The partners reaffirmed their "
        "commitment to the principle of openness and, specifically, the transparency of procurement. "
        "Grounded in shared values, they will address global issues including health security and "
        "climate change.")
    # one principle named ("the principle of"): what its comma adds is no item
    assert _principles(record) == ["equity", "inclusion", "openness"]


def test_an_inline_lists_enumerators_are_no_part_of_its_items(extract_text):
    record = extract_text(
        "Joint Statement of Chile and Peru\n\nThe partnership will be guided by the following principles: "
        "(a) respect for sovereignty and territorial integrity; (b) peaceful settlement of disputes; and "
        "(c) non-interference in internal affairs. The leaders also reaffirmed their shared values of "
        "(i) democracy, (ii) the rule of law and (iii) human rights.")
    assert _principles(record) == ["respect for sovereignty and territorial integrity",
                                   "peaceful settlement of disputes", "non-interference in internal affairs",
                                   "democracy", "rule of law", "human rights"]


def test_a_list_after_the_values_the_partners_share_and_its_items_complements(extract_text):
    record = extract_text(
        "Joint Statement of Chile and Peru\n\nAmong the values the two countries share is an unwavering "
        "commitment to democracy, the rule of law, and human rights. The leaders upheld the principles of "
        "freedom, the right to self-determination, and sovereignty in response to the crisis. They uphold "
        "openness, transparency, and inclusive growth as core values that underpin their partnership.")
    # ("to" goes on after "right"; the adjunct "in response to ..." is the
    # clause's, not the last item's; "as core values" closes the list before it)
    assert _principles(record) == ["democracy", "rule of law", "human rights", "freedom",
                                   "right to self-determination", "sovereignty", "openness", "transparency",
                                   "inclusive growth"]


def test_a_list_set_off_by_dashes_keeps_its_last_item(extract_text):
    record = extract_text(
        "Joint Statement of Chile and Peru\n\nThe Ministers underlined their common values – democracy, "
        "pluralism, and the rule of law – and their shared interest in open trade.")
    assert _principles(record) == ["democracy", "pluralism", "rule of law"]


def test_a_list_closed_by_the_word_is_read_back_to_its_first_item(extract_text):
    record = extract_text(
        "Joint Statement of Chile and Peru\n\nThe ministers discussed access to information, with freedom "
        "from discrimination, equality of opportunity, transparency and user autonomy as key principles. "
        "Chile has always believed in the importance of peace, dialogue, and mutual respect, principles "
        "which guide its foreign policy.")
    # (no verb of upholding opens either list: each is read back from the word
    # after it; "the importance of" holds the second, it is no item)
    assert _principles(record) == ["freedom from discrimination", "equality of opportunity", "transparency",
                                   "user autonomy", "peace", "dialogue", "mutual respect"]


def test_principles_as_the_subject_of_their_list_and_actions_joined_by_and(extract_text):
    record = extract_text(
        "Communique of the Council of Australian Governments\n\nThe Council agreed a framework of principles "
        "for service delivery. The principles address sharing responsibility, streamlining service delivery, "
        "developing a learning framework and focussing on priority areas.")
    assert _principles(record) == ["sharing responsibility", "streamlining service delivery",
                                   "developing a learning framework", "focussing on priority areas"]


def test_numbered_principles_grouped_under_short_headings(extract_text):
    record = extract_text(
        "Communique of the Council of Australian Governments\n\n"
        "Action by jurisdictions will be based on the following principles:\n\nSafety\n\n"
        "1. Everyone has a right to be safe from violence and abuse.\n\nPartnerships\n\n"
        "2. Prevention is best achieved by families, communities and governments working together.\n\n"
        "Next steps\n\n4. The Council will meet again in June.")
    # (the numbers go on across "Partnerships"; "4." after "Next steps" does not go on from "2.")
    assert _principles(record) == [
        "Everyone has a right to be safe from violence and abuse",
        "Prevention is best achieved by families, communities and governments working together"]


def test_items_joined_by_and_twice_and_a_country_closing_the_list(extract_text):
    record = extract_text(
        "Joint Statement of Chile and Peru\n\nThe leaders will harness technology for their shared values "
        "of democracy and respect for human rights and the rule of law. They called for a peace based on "
        "the principles of the Charter, including the territorial integrity, sovereignty, and political "
        "independence of Ukraine.")
    assert _principles(record) == ["democracy", "respect for human rights", "rule of law",
                                   "territorial integrity", "sovereignty", "political independence"]
    # (a lone word that qualifies shares the next part's noun: "free and open markets")
    record = extract_text(
        "Joint Statement of Chile and Peru\n\nOur partnership is founded on shared values of democracy, "
        "human rights and free and open markets.")
    assert _principles(record) == ["democracy", "human rights", "free and open markets"]


def test_short_lines_over_the_lists_that_explain_them_are_the_principles(extract_text):
    record = extract_text(
        "Principles on Technology\n\nWe welcome all nations to support the following principles:\n\n"
        "Support open standards.\n\n- Standards should be set by industry-led bodies.\n"
        "- We will take part in them.\n\nBuild trust and resilience.\n\n"
        "- Supply chains should be secure.\n- Suppliers should be accountable.\n\n"
        "The partners will meet again next year to review progress.")
    assert _principles(record) == ["Support open standards", "Build trust and resilience"]


def test_a_statement_of_principles_lists_them_under_any_lead_in(extract_text):
    text = ("In confronting the challenges of our time, we agree that:\n\n"
            "1. All citizens are subject to the laws of this country and are entitled to their protection.\n"
            "2. All citizens should respect and take part in the democratic institutions of this country.")
    declared = extract_text("Statement of Principles of the Community Leaders\n\n" + text)
    assert _principles(declared) == [
        "All citizens are subject to the laws of this country and are entitled to their protection",
        "All citizens should respect and take part in the democratic institutions of this country"]
    # (the same list in a page that is no statement of principles lists no principle)
    assert extract_text("Joint Statement of the Community Leaders\n\n" + text).principles == []


def test_adjectives_in_a_row_stay_in_their_item(extract_text):
    record = extract_text(
        "Joint Statement of Chile and Peru\n\nThe leaders underlined their shared values, "
        "including human rights, and support for a stable, open, rules-based order.")
    assert _principles(record) == ["human rights", "support for a stable, open, rules-based order"]


def test_a_connector_that_opens_no_list_gives_way_to_the_next(extract_text):
    record = extract_text(
        "Joint Statement of the Partners\n\nWe recommitted ourselves to common principles in the "
        "region, including those enshrined in the Charter, such as transparency, good governance "
        "and mutual respect.")
    assert _principles(record) == ["transparency", "good governance", "mutual respect"]


def test_an_initial_s_period_or_a_joining_dash_ends_no_clause_before_the_list(extract_text):
    record = extract_text(
        "Joint Statement of the Leaders\n\nThe Leaders underscored the fundamental principles guiding "
        "Vietnam–U.S. relations, including mutual respect, international law and territorial integrity. "
        "They welcomed the talks.")
    assert _principles(record) == ["mutual respect", "international law", "territorial integrity"]


def test_the_following_principles_listed_on_the_same_line_and_and_the(extract_text):
    record = extract_text(
        "Joint Statement of the Leaders\n\nOur cooperation is guided by the following principles: "
        "transparency, accountability and inclusiveness. The leaders reaffirmed the shared values that "
        "underpin the relationship, including democracy, freedom and the rule of law.")
    assert _principles(record) == ["transparency", "accountability", "inclusiveness", "democracy", "freedom",
                                   "rule of law"]


def test_listed_principles_lose_the_lists_joints(extract_text):
    record = extract_text(
        "Joint Statement on the Comprehensive Strategic Partnership\n\nThe partnership will be guided by the "
        "following principles:\n- Mutual respect for sovereignty;\n- Non-interference in internal affairs; and\n"
        "- Mutual benefit.")
    assert _principles(record) == ["Mutual respect for sovereignty", "Non-interference in internal affairs",
                                   "Mutual benefit"]


def test_and_splits_before_a_noun_with_its_own_complement(extract_text):
    record = extract_text(
        "Joint Statement of the Leaders\n\nOur partnership rests on common values: freedom, democracy and "
        "respect for human rights. We value rigour and integrity in research.")
    assert _principles(record) == ["freedom", "democracy", "respect for human rights"]


def test_labelled_paragraphs_after_a_principles_lead_in_are_the_list(extract_text):
    record = extract_text(
        "Joint Statement on Supply Chains\n\nTo achieve this, we aim to follow these supply chain "
        "principles:\n\nTransparency: We intend to share information with partners.\n\n"
        "Diversification: We aim to widen the sources of inputs.\n\nWe aim to involve small firms.\n\n"
        "Predictability matters to resilient supply chains.\n\nSecurity: We intend to deepen "
        "our consultations on risks.\n\nWe welcome all economies to join us.\n\nWe will meet again.\n\n"
        "We thank our hosts.\n\nNote: the next meeting is in May.")
    # a label's explanation may run on for two paragraphs; three end the list
    assert _principles(record) == ["Transparency", "Diversification", "Security"]


def test_a_list_set_with_semicolons_keeps_each_item_whole(extract_text):
    record = extract_text(
        "Communique on the Strategic Alliance\n\nWe intend to strengthen our shared values and "
        "ideals, including the rule of law; protecting human rights and human security; adhering to "
        "humanitarian principles, including non-refoulement; and upholding resilient democracies.")
    assert {"rule of law", "protecting human rights and human security",
            "adhering to humanitarian principles, including non-refoulement",
            "upholding resilient democracies"} <= set(_principles(record))


def test_a_sentence_that_points_back_at_values_makes_the_lists_before_it_principles(extract_text):
    text = ("Finally, we underscore the importance of strong democratic institutions, the rule of "
            "law, and respect for human rights, gender equality, and human dignity. We remain "
            "committed to protecting the media freedom, academic freedom, and labor rights of our "
            "people. {} form the very foundation of our partnership.")
    record = extract_text("Joint Vision Statement\n\n" + text.format("These democratic values"))
    assert sorted(_principles(record)) == sorted([
        "strong democratic institutions", "rule of law", "respect for human rights", "gender equality",
        "human dignity", "media freedom", "academic freedom", "labor rights"])
    # (a sentence that points at no values leaves the lists as topics)
    assert extract_text("Joint Vision Statement\n\n" + text.format("These talks")).principles == []


def test_numbered_guiding_principles_are_full_sentences(extract_text):
    record = extract_text(
        "Report of the Working Group\n\nThe group agreed on the following guiding principles:\n\n"
        "1. Promote open scientific exchange.\n2. Protect research security.\n3. Grow the talent base.")
    assert _principles(record) == ["Promote open scientific exchange", "Protect research security",
                                   "Grow the talent base"]


def test_recommendations_numbered_and_labelled(extract_text):
    record = extract_text(
        "A Report by the Council\n\nThis report makes two recommendations:\n\n"
        "1. The Government should fund joint research centres.\n"
        "2. Agencies should share data on partnerships.\n\n"
        "## Recommendation 1: The Government should fund joint research centres\n\nDiscussion.")
    assert [(r.number, r.text, r.actor) for r in record.recommendations] == [
        ("1", "The Government should fund joint research centres", "The Government"),
        ("2", "Agencies should share data on partnerships", "Agencies")]


def test_a_recommendation_label_on_its_own_line_and_lettered_items(extract_text):
    record = extract_text(
        "Government Response to the Review of Research Data\n\nThe Government accepts the 2 "
        "recommendations of the review.\n\nRecommendation 1\nThe Government should establish a "
        "national data office. It should report annually.\nResponse: Agreed.\n\nRecommendation 2\n"
        "Agencies should publish their data plans.\nResponse: Noted.")
    assert [(r.number, r.text) for r in record.recommendations] == [
        ("1", "The Government should establish a national data office"),
        ("2", "Agencies should publish their data plans")]
    record = extract_text(
        "Report of the Committee on Research Data\n\nThe committee recommends that:\n(a) the "
        "Government establish a data office;\n(b) the Government fund research hubs; and\n(c) "
        "agencies publish data plans.")
    assert [(r.number, r.text) for r in record.recommendations] == [
        ("a", "the Government establish a data office"), ("b", "the Government fund research hubs"),
        ("c", "agencies publish data plans")]
    record = extract_text(
        "Report of the Committee on Research Data\n\nThe committee recommends that:\n(i) the "
        "Government establish a data office;\n(ii) the Government fund research hubs; and\n(iii) "
        "agencies publish data plans.")
    assert [r.number for r in record.recommendations] == ["i", "ii", "iii"]
    assert record.recommendations[1].text == "the Government fund research hubs"


def test_a_list_under_a_recommendations_heading_and_short_labels(extract_text):
    record = extract_text(
        "Independent Review of Coastal Surveillance: Final Report\n\nThe Review delivered its final report "
        "to the Government today.\n\nKey recommendations\n\n1. Establish a single coastal surveillance "
        "authority.\n2. Increase the number of patrol aircraft based in the north.\n\nThe Government will "
        "respond later this year.")
    assert [(r.number, r.text) for r in record.recommendations] == [
        ("1", "Establish a single coastal surveillance authority"),
        ("2", "Increase the number of patrol aircraft based in the north")]
    record = extract_text(
        "Review of the Intelligence Community: Report\n\nSummary\n\nR1. The intelligence office should be "
        "a statutory authority.\nR2. The Government should increase funding for analysis.")
    assert [(r.number, r.text) for r in record.recommendations] == [
        ("1", "The intelligence office should be a statutory authority"),
        ("2", "The Government should increase funding for analysis")]


def test_labels_in_capitals_or_with_no_and_numbers_that_lost_their_stops(extract_text):
    expected = [("1", "The Commonwealth should fund rural roads"), ("2", "The States should establish road boards"),
                ("3", "A council should advise the Minister")]
    items = ["The Commonwealth should fund rural roads.", "The States should establish road boards.",
             "A council should advise the Minister."]
    for label in ("RECOMMENDATION {n}\n", "RECOMMENDATION {n}: ", "Recommendation No. {n}\n"):
        body = "\n\n".join(label.format(n=n) + item for n, item in enumerate(items, start=1))
        record = extract_text(f"Report of the Rural Roads Inquiry\n\n{body}")
        assert [(r.number, r.text) for r in record.recommendations] == expected, label
    # a report's numbers set in a column of their own lose their stops in its text
    body = "\n\n".join(f"{n} {item}" for n, item in enumerate(items, start=1))
    record = extract_text(f"Report of the Rural Roads Inquiry\n\nRecommendations\n\n{body}")
    assert [(r.number, r.text) for r in record.recommendations] == expected
    # and a heading's paragraphs that each recommend are its items, unnumbered
    body = "\n\n".join(items)
    record = extract_text(f"Report of the Rural Roads Inquiry\n\nRecommendations\n\n{body}\n\n"
                          "The Inquiry received 40 submissions.")
    assert [(r.number, r.text) for r in record.recommendations] == [(None, t) for _, t in expected]


def test_a_press_release_lists_a_reports_recommendations_in_the_forms_of_typed_releases(extract_text):
    # subheadings inside the recommendations section divide one list
    record = extract_text(
        "PRIME MINISTER\n\nFOR PRESS 12 MARCH 1976\n\nREPORT OF THE COMMITTEE ON OVERSEAS QUALIFICATIONS\n\n"
        "The Prime Minister today released the report of the Committee.\n\nRECOMMENDATIONS\n\nEducation\n\n"
        "1. The Commonwealth should fund bridging courses for overseas-trained doctors.\n\n"
        "2. Universities should recognise prior study undertaken overseas.\n\nEmployment\n\n"
        "3. Employers should be encouraged to accept overseas qualifications.")
    assert [r.number for r in record.recommendations] == ["1", "2", "3"]
    # one unnumbered "That ..." paragraph per recommendation
    record = extract_text(
        "PRIME MINISTER\n\nFOR PRESS\n\nThe Committee recommended:\n\nThat the Government establish an "
        "Australian Heritage Commission.\n\nThat the Commission maintain a register of the National Estate."
        "\n\nThe Government has accepted these recommendations.")
    assert [(r.number, r.text) for r in record.recommendations] == [
        (None, "That the Government establish an Australian Heritage Commission"),
        (None, "That the Commission maintain a register of the National Estate")]
    # capital letters number the items; a lead-in that points "below" introduces them
    record = extract_text(
        "PRIME MINISTER\n\nFOR PRESS\n\nThe main recommendations of the report are summarised below.\n\n"
        "A. The Commonwealth should provide $10 million for drought relief.\n\n"
        "B. Carry-on loans should be made available at concessional rates.")
    assert [(r.number, r.text) for r in record.recommendations] == [
        ("A", "The Commonwealth should provide $10 million for drought relief"),
        ("B", "Carry-on loans should be made available at concessional rates")]


def test_numbered_paragraphs_of_a_statement_are_not_recommendations(extract_text):
    record = extract_text(
        "Joint Statement of India and Japan\n\n1. The leaders welcomed progress on trade.\n"
        "2. The leaders agreed to expand space cooperation.")
    assert record.recommendations == []


def test_every_item_carries_evidence_confidence_and_rule(corpus_dir):
    from pipeline.api import extract_path

    record = extract_path(corpus_dir / "001_deaef4ef2796e198.txt")
    for field, item in record.iter_items():
        assert record.text[item.evidence.start:item.evidence.end] == item.evidence.text
        assert 0 < item.confidence <= 1
        assert item.rule.startswith(field[:4]) or "." in item.rule
        assert item.id


def test_bodies_are_parties_without_a_country_code(extract_text):
    record = extract_text(
        "Joint Statement of the G7 and the European Union on Fusion Energy\n\nThe G7 and the "
        "European Union today signed a statement on fusion energy cooperation. The two sides will "
        "meet again in Brussels.")
    assert {(p.name, p.country_code) for p in record.parties} == {("G7", None), ("European Union", None)}


def test_the_commission_meets_and_signs_for_the_union(extract_text):
    record = extract_text(
        "Joint Statement of the United States and the European Commission on Energy Security\n\n"
        "The United States and the European Commission today reaffirmed their commitment to energy "
        "security and agreed to cooperate on liquefied natural gas supplies.")
    assert {p.name for p in record.parties} == {"United States", "European Union"}


def test_a_council_of_governments_names_every_member_as_a_candidate():
    features = _party_candidates(
        "Council of Australian Governments Communique\n\nThe Council of Australian Governments met "
        "today in Canberra. The Premier of Victoria welcomed the agreement on water reform.")
    members = {"AU", "New South Wales", "Victoria", "Queensland", "Western Australia", "South Australia",
               "Tasmania", "Australian Capital Territory", "Northern Territory",
               "Australian Local Government Association"}
    assert members <= {code for code, f in features.items() if f.get("label:COUNCIL")}
    assert all(features[m].get("council_title") for m in members)
    # (named by the council alone, and by itself too)
    assert features["Queensland"].get("only_council") and not features["Victoria"].get("only_council")


def test_a_grouping_of_states_names_its_members_not_itself(extract_text):
    text = ("Quad Leaders’ Joint Statement\n\nWe, the leaders of the Quad, met today in Wilmington. "
            "Australia, India, Japan and the United States reaffirmed their commitment to a free and "
            "open Indo-Pacific, and the Quad will meet again next year in India.")
    features = _party_candidates(text)
    # (the members are candidates as a grouping's, apart from a council's; the Quad is none)
    assert {"AU", "IN", "JP", "US"} <= {code for code, f in features.items() if f.get("label:GROUPING")}
    assert "Quad" not in features and not any(f.get("label:COUNCIL") for f in features.values())
    assert {p.name for p in extract_text(text).parties} == {"Australia", "India", "Japan", "United States"}
    # ("the Transatlantic Quad" is another grouping)
    features = _party_candidates("Call with the Transatlantic Quad\n\nThe Secretary spoke with his "
                                 "Transatlantic Quad counterparts today.")
    assert {code for code, f in features.items() if f.get("label:GROUPING")} == {"FR", "DE", "GB", "US"}


def test_every_government_listed_after_its_officials_is_described_as_such():
    features = _party_candidates(
        "Joint Statement of the Foreign Ministers\n\nThe Foreign Ministers of Canada, France, Japan "
        "and the United States, and the High Representative of the European Union, condemn the "
        "attack on Kyiv and support Ukraine.")
    assert {"CA", "FR", "JP", "US", "European Union"} <= {code for code, f in features.items()
                                                           if f.get("officials_of_list")}
    assert not features["UA"].get("officials_of_list")
    # "Canada, France, Japan and the United States": a conjunction after a country is no adjective
    assert not any(f.get("modifier") for code, f in features.items() if code in {"CA", "FR", "JP"})


def test_a_single_named_principle_ends_at_its_comma_or_trailing_modifier(extract_text):
    record = extract_text(
        "Ministers Agree on Asylum Cooperation\n\n"
        "Both governments upheld the principle of non-return, the core tenet of the Convention, and "
        "agreed to share data.\n\n"
        "The leaders reaffirmed the principle of respect for each other's sovereignty and territorial "
        "integrity as stipulated in the Coastal Treaty. They stressed the principle of joint "
        "responsibility in addressing migrant smuggling.")
    assert [p.text for p in record.principles] == [
        "non-return", "respect for each other's sovereignty and territorial integrity",
        "joint responsibility"]


def test_principles_set_off_by_dashes(extract_text):
    record = extract_text(
        "Joint Statement on the Partnership\n\n"
        "Our ties are founded on shared values and principles – liberty, equality, respect for the "
        "rule of law – reinforced by trade. The partnership rests on the principles of the Charter "
        "– including sovereign equality and the peaceful settlement of disputes – and on trust.")
    assert [p.text for p in record.principles] == [
        "liberty", "equality", "respect for the rule of law", "sovereign equality",
        "peaceful settlement of disputes"]


def test_a_one_government_fact_sheet_naming_another_country_lists_no_commitments(extract_text):
    one_sided = extract_text(
        "FACT SHEET: President Acts on Threats to the United States by the Government of Brazil\n\n"
        "Today the President signed an order. The order:\n\n"
        "- The Secretary of Commerce will determine whether other countries import the goods.\n"
        "- The Secretary of State will monitor compliance with the order.")
    joint = extract_text(
        "FACT SHEET: U.S.-Brazil Partnership on Clean Energy\n\n"
        "Under the partnership the two countries intend to:\n\n"
        "- The United States and Brazil will launch a clean hydrogen program.\n"
        "- Both governments will co-fund grid research.")
    assert one_sided.recommendations == []
    assert [r.text for r in joint.recommendations] == [
        "The United States and Brazil will launch a clean hydrogen program",
        "Both governments will co-fund grid research"]


def test_commitments_whose_lead_in_names_two_governments_each_label_explained(extract_text):
    record = extract_text(
        "FACT SHEET: A Plan to End the Fever Outbreak\n\n"
        "To end the outbreak, Canada and the African Union will:\n\n"
        "- Expand Testing in Rural Clinics\n"
        "We are committed to reaching every district by next year.\n"
        "Mobile laboratories will travel between the clinics.\n"
        "- Train Ten Thousand Health Workers\n"
        "The training runs in twelve languages.\n\n"
        "Simultaneously, we will prepare for the next outbreak:\n\n"
        "- Build Regional Vaccine Stockpiles\n"
        "Stockpiles will be held in three hubs.")
    one_sided = extract_text(
        "FACT SHEET: A Plan to End the Fever Outbreak\n\n"
        "In cooperation with Canada and the African Union, the President will take these steps:\n\n"
        "- Expand Testing in Rural Clinics\n"
        "We are committed to reaching every district by next year.\n"
        "- Train Ten Thousand Health Workers\n"
        "The training runs in twelve languages.")
    assert [r.text for r in record.recommendations] == [
        "Expand Testing in Rural Clinics", "Train Ten Thousand Health Workers",
        "Build Regional Vaccine Stockpiles"]
    assert one_sided.recommendations == []


def test_numbered_labels_each_explained_stay_under_their_lead_in(extract_text):
    explained = extract_text(
        "Council Releases Report and Recommendations on Research Funding\n\n"
        "The report organizes its recommendations around three pillars:\n\n"
        "1. Renew the Research Enterprise\n\nThe enterprise should fund individual researchers.\n\n"
        "2. Secure U.S. Leadership in Critical Technologies\n\nFederal research should serve missions.\n\n"
        "3. Open Science to All Americans\n\nAgencies should widen apprenticeships.")
    # (each label's explanation introduces nothing: the three stay under the lead-in)
    assert [r.text for r in explained.recommendations] == [
        "Renew the Research Enterprise", "Secure U.S. Leadership in Critical Technologies",
        "Open Science to All Americans"]


def test_a_series_of_headings_under_a_headline_that_releases_recommendations(extract_text):
    record = extract_text(
        "FACT SHEET: Working Group Releases Recommendations for Equitable Data\n\n"
        "The Working Group consulted widely before making its recommendations.\n\n"
        "## Make Disaggregated Data the Norm\n\nSurveys should support disaggregation.\n\n"
        "## Build Capacity for Equity Assessment\n\nAgencies need analysts.\n\n"
        "## Be Accountable to the Public\n\nTools should let the public follow progress.\n\n"
        "Read the full report here.")
    assert [r.text for r in record.recommendations] == [
        "Make Disaggregated Data the Norm", "Build Capacity for Equity Assessment", "Be Accountable to the Public"]
    # (one heading is a section's name, not a series of recommendations)
    single = extract_text(
        "Support for Commission Recommendations\n\n## Office of the Spokesperson\n\n"
        "The United States welcomes the recommendations of the Commission.")
    assert single.recommendations == []


def test_one_officials_announcements_a_numbered_that_is_and_a_reports_principles_are_no_recommendations(
        extract_text):
    announced = extract_text(
        "FACT SHEET: Vice President Ruiz Announces New Initiatives with the Caribbean\n\n"
        "The Vice President is announcing the following new activities:\n\n"
        "- Firearms Coordinator: The Department of Justice will name a coordinator.\n"
        "- Forensics: The Department of State will fund two laboratories.\n\n"
        "Both countries share a long history.")
    communique = extract_text(
        "Media Ministers Communiqué\n\n"
        "25. We will promote access to a variety of sources of information.\n"
        "26. That is why we have discussed media policy at length.")
    report = extract_text(
        "A Report of the Policy Council\n\n"
        "The Administration will follow these guiding principles:\n\n"
        "1. Federal agencies should use every available policy lever.\n"
        "2. Taxpayer dollars should never be wasted.")
    assert announced.recommendations == communique.recommendations == report.recommendations == []


def test_links_to_attachments_and_a_passing_recommend_are_no_recommendations(extract_text):
    record = extract_text(
        "Report of the Review\n\nThe review was published today. Doctors can recommend tests\n\n"
        "- In March the agency announced a prize for new test designs.\n\n"
        "Documents released with the report:\n\n"
        "- Statement on Education Cooperation [PDF 69KB]\n"
        "- Recommendation 1 Report [PDF 1.2MB]")
    assert record.recommendations == []


def test_what_was_agreed_under_what_a_review_recommended_is_no_recommendation(extract_text):
    text = ("Funding agreement with the State\n\nToday's agreement aligns with the review of "
            "costs. As the Commission recommended:\n\n"
            "- {}\n- The two governments have committed to establish a reserve from 1 July 2019.\n")
    agreed = extract_text(text.format("The State Government has agreed that its contribution will rise."))
    assert [r.text for r in agreed.recommendations] == []
    advised = extract_text(text.format("The State Government should raise its contribution each year."))
    assert [r.text for r in advised.recommendations] == [
        "The State Government should raise its contribution each year"]


def test_principles_that_include_a_list(extract_text):
    record = extract_text(
        "Partners Sign the Accords\n\nThe Accords' principles include the registration of objects, "
        "release of scientific data, and provision of emergency assistance.")
    assert _principles(record) == ["registration of objects", "release of scientific data",
                                   "provision of emergency assistance"]


def test_a_list_referred_back_to_as_these_principles(extract_text):
    record = extract_text(
        "Joint Statement on Sport\n\n"
        "We reaffirm our position that:\n\n"
        "- Ministries should be suspended from international federations.\n"
        "- Officials should be removed from positions of influence.\n\n"
        "In cases where bodies allow athletes to compete:\n\n"
        "- Flags should not be displayed.\n\n"
        "We call on all federations to endorse these principles, and applaud those that have.\n\n"
        "Our nations are bound by universal values: democracy and the rule of law. Living up to "
        "them is a task.\n\n- One more item.\n- And another.\n\nThese values unite us.")
    assert {"Ministries should be suspended from international federations",
            "Officials should be removed from positions of influence",
            "Flags should not be displayed"} <= set(_principles(record))
    assert "One more item" not in _principles(record)  # its lead-in is no lead-in


def test_an_inline_list_ends_where_its_clause_goes_on(extract_text):
    record = extract_text(
        "Joint Statement on the Northern Forum\n\nThe core principles of sovereignty and territorial "
        "integrity, based on international law, have long guided the work of the Forum, a body "
        "which the partners value. Partners stand united in their respect for the principles of "
        "democracy, individual liberty, and the rule of law. We reaffirmed the Digital Partnership: "
        "Joint Principles, including through work done in secure software, and the principles of "
        "openness, and the partners agreed to meet again.")
    # ", and the rule of law." runs to the sentence's end: the last item; ", and the
    # partners agreed" is a new clause; "including through work" opens no list
    assert _principles(record) == ["sovereignty", "territorial integrity", "democracy",
                                   "individual liberty", "rule of law", "openness"]


def test_an_office_only_one_government_has_names_its_side_of_a_readout(extract_text):
    record = extract_text(
        "Secretary Reyes’s Call with Danish Foreign Minister Holm\n\n"
        "The below is attributable to Spokesperson Dana Ortiz:\n\n"
        "Secretary of State Maria Reyes spoke today with Danish Foreign Minister Lars Holm about "
        "Arctic security and the green transition.")
    parties = {p.country_code: p.evidence.text for p in record.parties}
    # the United States is never written: its Secretary of State names it
    assert parties == {"DK": "Danish", "US": "Secretary of State"}
    features = _party_candidates(
        "Readout\n\nThe Secretary of State for Foreign Affairs Anna Berg met Prime Minister "
        "Ito of Japan.")
    assert "US" not in features  # a portfolio after the office: any government's


def test_a_head_of_government_named_with_the_office_names_the_side_a_readout_leaves_unwritten(extract_text):
    record = extract_text(
        "Readout of President Obama’s Call with Prime Minister Dahl of Norway\n\n"
        "President Obama spoke today with Prime Minister Ingrid Dahl of Norway about Arctic "
        "security. The leaders agreed to stay in close contact.")
    parties = {p.country_code: p.evidence.text for p in record.parties}
    assert parties == {"NO": "Norway", "US": "President"}
    # the office and the surname together: another President Obama is nobody's
    features = _party_candidates("Minister Obama of Kenya met the Chamber today.")
    assert "US" not in features
    features = _party_candidates(
        "STATEMENT BY THE PRIME MINISTER, MR. HAROLD HOLT\n\nThe Prime Minister, Mr. Harold Holt, "
        "today met the Prime Minister of Thailand, Field Marshal Somchai Wong.")
    assert features["AU"]["label:OFFICE"] and "GB" not in features


def test_the_bare_title_of_a_named_official_speaks_for_their_government():
    text = ("PM call with President Leclerc: 13 April 2018\n\n"
            "Prime Minister Theresa May spoke with President Anne Leclerc of France.\n\n"
            "A Downing Street spokesperson said:\n\n"
            "The Prime Minister spoke to the French President this evening about the attack. "
            "They agreed to keep working closely together on the international response.")
    uk = _party_mentions(text)["GB"]
    # "The Prime Minister" of the body is Theresa May's office: the United Kingdom takes part
    assert [text[s:e] for s, e, _ in uk] == ["Prime Minister", "Prime Minister"]
    features = _party_candidates(text)["GB"]
    assert features.get("office_lead") and features.get("office_meeting")
    # a title two governments hold on the page is neither's when bare
    both = _party_mentions("Readout\n\nPresident Biden met President Macron in Paris. The President "
                           "thanked his host for the visit.")
    assert len(both["US"]) == 1 and all(label != "OFFICE" for *_, label in both["FR"][1:])
    # nor is one followed by its own name or country
    other = _party_mentions("Readout\n\nPrime Minister Theresa May met the Mayor of Paris. The Prime Minister "
                            "of Canada, Mr Jean Tremblay, joined them.")
    assert len(other["GB"]) == 1


def test_countries_as_typeset_text_and_older_releases_name_them():
    features = _party_candidates(
        "Joint Statement\n\nThe Governments of Côte d’Ivoire and Cape Verde, with the Soviet Union "
        "and Yugoslavia, met in Abidjan.")
    assert {"CI", "CV", "SU", "YU"} <= set(features)


def test_every_nationality_names_its_country():
    features = _party_candidates(
        "Deputy Secretary’s Meeting with Zambian Foreign Minister Mulenga\n\nThe Deputy Secretary met "
        "Zambian Foreign Minister Peter Mulenga, then Azerbaijani and Papua New Guinean officials.")
    assert {"ZM", "AZ", "PG"} <= set(features) and "GN" not in features


def test_a_list_ends_at_a_gerund_after_nouns_and_a_following_list_is_not_inline(extract_text):
    record = extract_text(
        "Readout of the Call\n\nThe ministers discussed the importance of respecting the UN "
        "Charter’s principles of sovereignty and territorial integrity, and coordinating a strong "
        "response. The leaders commit to the following principles of further interaction.")
    assert _principles(record) == ["sovereignty", "territorial integrity"]



def test_a_commitment_names_the_list_its_objects_are_the_items(extract_text):
    record = extract_text(
        "Joint Statement\n\nThe partnership rests on shared interests and values, including a "
        "commitment to democracy and open economies, the rule of law, and the peaceful resolution "
        "of disputes.")
    assert _principles(record) == ["democracy", "open economies", "rule of law",
                                   "peaceful resolution of disputes"]


def test_named_sets_of_principles_and_a_quoted_principle(extract_text):
    record = extract_text(
        "Leaders’ Declaration\n\n4. This includes defending all the Purposes and Principles enshrined "
        "in the Charter, including the protection of civilians. We endorse the G20 Principles for "
        "Quality Infrastructure Investment, including transparency. Regulation is based on the "
        "principle of ‘same activity, same risk, same regulation’. Cooperation follows shared "
        "principles, including for critical minerals and batteries.")
    assert _principles(record) == ["same activity, same risk, same regulation"]


def test_a_gerund_joined_by_and_ends_the_list(extract_text):
    record = extract_text(
        "Joint Statement\n\nWe will bring together coastal countries, while sharing principles of "
        "peaceful coexistence and ensuring our actions at sea, especially on the high seas, abide "
        "by international law.")
    assert _principles(record) == ["peaceful coexistence"]


def test_words_that_qualify_one_noun_make_one_principle(extract_text):
    record = extract_text(
        "Joint Statement\n\nOur nations share the values of democracy, human rights, and a free and "
        "fair economic order. We are guided by the principle of safe, orderly, humane, and regular "
        "migration. We honour the values of peace and prosperity.")
    assert _principles(record) == [
        "democracy", "human rights", "free and fair economic order",
        "safe, orderly, humane, and regular migration", "peace", "prosperity"]


def test_a_body_of_law_is_the_source_of_principles_not_one_of_them(extract_text):
    record = extract_text(
        "Joint Statement\n\nAn armed attack on nuclear facilities violates the principles of "
        "international law. The leaders uphold the principles of sovereignty, international law, "
        "including the Charter, and peaceful settlement of disputes.")
    assert _principles(record) == ["sovereignty", "international law, including the Charter",
                                   "peaceful settlement of disputes"]


def test_labels_in_title_case_over_their_explanations_are_the_principles(extract_text):
    record = extract_text(
        "Joint Statement on Maritime Cooperation\n\nThe two countries agreed to expand cooperation.\n\n"
        "Guiding Principles\n\nRespect for Sovereignty\n\nThe Parties shall respect each other's "
        "sovereignty.\n\nPeaceful Settlement of Disputes\n\nThe Parties shall settle disputes by peaceful "
        "means.\n\nNext Steps\n\nThe Parties will meet again in 2026.")
    assert _principles(record) == ["Respect for Sovereignty", "Peaceful Settlement of Disputes"]
    # (sections under a heading of values are no labels of its items)
    record = extract_text(
        "Joint Statement\n\nOur Shared Values\n\nBoth are democracies that value freedom.\n\n"
        "Trade and Investment\n\nThe two countries agreed to expand trade.")
    assert _principles(record) == []


def test_the_examples_a_body_of_law_gives_are_the_principles(extract_text):
    record = extract_text(
        "Joint Statement\n\nThe Ministers reaffirmed the principles of international law, in particular "
        "sovereignty, territorial integrity and the peaceful settlement of disputes. They stressed "
        "universally recognised principles of international law, including the 1982 UNCLOS.")
    assert _principles(record) == ["sovereignty", "territorial integrity", "peaceful settlement of disputes"]


@pytest.mark.parametrize("text, expected", [
    # a dash typed as a hyphen between spaces
    ("Our partnership rests on shared principles - openness, transparency and mutual benefit.",
     ["openness", "transparency", "mutual benefit"]),
    # the values they share, then a dash
    ("They underlined the values they share – democracy, the rule of law and respect for human rights.",
     ["democracy", "rule of law", "respect for human rights"]),
    # a commitment's list that the next sentence calls values
    ("We reaffirm our commitment to democracy, human rights and the rule of law. These values underpin "
     "our partnership.", ["democracy", "human rights", "rule of law"]),
    # the values held dear, a capitalised name with its common noun, an article's own noun phrase
    ("These are the values we hold dear: freedom, equality and a fair go for all.",
     ["freedom", "equality", "fair go for all"]),
    ("Malaysia remains committed to the principles of ASEAN centrality, consensus and non-interference. "
     "It follows the principles of Islam.", ["ASEAN centrality", "consensus", "non-interference"]),
])
def test_inline_principles_after_a_typed_dash_a_relative_clause_or_a_commitment(extract_text, text, expected):
    assert _principles(extract_text("Joint Statement\n\n" + text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Underpinned by our common values of openness, inclusivity and transparency, the Quad will continue "
     "its work.", ["openness", "inclusivity", "transparency"]),
    ("Guided by the values of the UN Charter, including sovereignty and territorial integrity, the "
     "leaders agreed to deepen cooperation.", ["sovereignty", "territorial integrity"]),
    # (a verb and its object is the sentence going on, not a value)
    ("We will cooperate in ways that reinforce our shared democratic values, including respect for human "
     "rights, advance our respective efforts and build trust.", ["respect for human rights"]),
    # (an "and" with more after it is inside an item, not the list's last joint)
    ("We share the values of peace and security, prosperity, and respect for human rights.",
     ["peace", "security", "prosperity", "respect for human rights"]),
    # (a noun with an "in" complement of its own keeps it: the affairs are not equality's)
    ("Relations between the two countries are based on the principles of mutual respect, equality and "
     "non-interference in each other's internal affairs.",
     ["mutual respect", "equality", "non-interference in each other's internal affairs"]),
    # (a past tense and its preposition after the last "and": the subject acts again)
    ("Ministers committed to the values of freedom, democracy and the rule of law, and agreed on a work "
     "plan.", ["freedom", "democracy", "rule of law"]),
])
def test_an_inline_list_ends_at_its_last_and_when_the_sentence_goes_on(extract_text, text, expected):
    assert _principles(extract_text("Joint Statement\n\n" + text)) == expected


@pytest.mark.parametrize("text, expected", [
    # a body of rules named inside an item, the states themselves
    ("The leaders underscored the fundamental principles guiding their relations, including respect for "
     "the UN Charter, international law, and non-interference in internal affairs.",
     ["respect for the UN Charter", "international law", "non-interference in internal affairs"]),
    ("We commit to uphold the principles of sovereign equality, political independence of States, and "
     "the settlement of disputes by peaceful means.",
     ["sovereign equality", "political independence of States", "settlement of disputes by peaceful means"]),
    # (the instrument alone is no principle)
    ("The leaders affirmed their shared principles, including the UN Charter.", []),
    # two short parts joined by "and", then a long one that goes on with the outer clause
    ("Recognizing the two nations' shared values of democracy and pluralism and common commitment to the "
     "rules-based international order, the leaders commit to elevate the relationship.",
     ["democracy", "pluralism"]),
])
def test_items_that_name_a_charter_and_lists_closed_by_a_long_part(extract_text, text, expected):
    assert _principles(extract_text("Joint Statement\n\n" + text)) == expected


def test_a_named_sets_items_after_its_colon_and_unmarked_lines_under_a_lead_in(extract_text):
    record = extract_text(
        "Statement\n\nHolders of public office follow the Seven Principles of Public Life: selflessness, "
        "integrity, objectivity and leadership. They also endorse the G20 Principles for Quality "
        "Infrastructure Investment.")
    assert _principles(record) == ["selflessness", "integrity", "objectivity", "leadership"]
    record = extract_text("Code of Conduct\n\nOur values:\n\nIntegrity\nRespect\nExcellence\n\n"
                          "Staff who breach the code face disciplinary action.")
    assert _principles(record) == ["Integrity", "Respect", "Excellence"]


def test_a_lettered_lists_markers_are_no_part_of_its_principles(extract_text):
    record = extract_text(
        "National Strategy\n\nThe guiding principles of the Strategy are:\n\n(a) partnership with "
        "communities;\n(b) evidence-based decision making; and\n(c) accountability for results.")
    assert _principles(record) == ["partnership with communities", "evidence-based decision making",
                                   "accountability for results"]


def test_numbered_principle_labels_and_labelled_paragraphs_under_a_values_heading(extract_text):
    numbered = extract_text(
        "Data Sharing Principles\n\nPrinciple 1: Transparency\n\nAgencies should tell the public how data "
        "is used.\n\nPrinciple 2: Accountability\n\nAgencies are responsible for the data they hold.")
    assert _principles(numbered) == ["Transparency", "Accountability"]
    labelled = extract_text(
        "Code of Conduct\n\nOur values\n\nRespect: we treat everyone with dignity.\n\nIntegrity: we act "
        "honestly.\n\nExcellence: we strive for the highest standards.")
    assert _principles(labelled) == ["Respect", "Integrity", "Excellence"]


def test_a_list_after_a_later_clause_is_not_the_values(extract_text):
    record = extract_text(
        "Joint Declaration\n\nThe two countries share the values of freedom, democracy and the rule of law, "
        "and are committed to:\n\n- promoting a free and open Indo-Pacific;\n- strengthening economic ties.")
    assert _principles(record) == ["freedom", "democracy", "rule of law"]
    tasked = extract_text(
        "Joint Statement\n\nNext Steps\n\nTo implement these Principles, the Working Group is tasked to:\n\n"
        "- Conduct a virtual outreach event for stakeholders.\n- Meet to identify an initial set of topics.")
    assert _principles(tasked) == []


def test_a_lead_in_that_counts_the_principles_introduces_the_list_below_it(extract_text):
    record = extract_text(
        "Partnership Framework\n\nThe Framework rests on four principles.\n\n- Openness\n- Fairness\n"
        "- Sustainability\n- Accountability\n\nCOAG agreed to release eight principles for water "
        "reform. The States are:\n\n- Victoria\n- Queensland")
    assert _principles(record) == ["Openness", "Fairness", "Sustainability", "Accountability"]


def test_an_official_launching_initiatives_for_a_pair_is_one_governments_fact_sheet(extract_text):
    record = extract_text(
        "FACT SHEET: Vice President Ortiz Launches Initiatives to Support U.S.-Philippines Maritime "
        "Cooperation\n\nThe Vice President announced new programs. The United States will:\n\n"
        "- The United States will provide $7.5 million to the coast guard.\n"
        "- The United States will fund a vessel traffic system.")
    assert record.recommendations == []


def test_a_paragraph_naming_principles_in_passing_introduces_no_list(extract_text):
    record = extract_text(
        "Joint Statement on the Strategic Partnership\n\n"
        "With U.S. support, Ukraine is pursuing a reform agenda in line with European principles "
        "and practices.\n\n"
        "- Reforming the Judiciary: Ukraine plans to overhaul its courts.\n"
        "- Advancing Human Rights: Ukraine will continue its reforms.\n\n"
        "The partners affirm the following principles:\n\n"
        "- Transparency in all decisions.\n"
        "- Accountability to citizens.")
    assert _principles(record) == ["Transparency in all decisions", "Accountability to citizens"]


def test_a_state_named_in_a_capitalised_headline_implies_its_federation():
    features = _party_candidates(
        "JOINT STATEMENT BY THE PRIME MINISTER AND THE PREMIER OF NEW SOUTH WALES\n\n"
        "The Prime Minister and the Victorian Premier today agreed on new funding for hospitals.")
    assert {"New South Wales", "Victoria", "AU"} <= set(features)
    assert features["New South Wales"].get("title") and features["New South Wales"].get("government_of")
    # the federation is never written: its states and its unnamed leader speak for it
    assert features["AU"].get("label:FEDERATION") and features["AU"].get("only_federation")
    assert features["AU"].get("federation_title") and features["AU"].get("most_named_unnamed_leader")


def test_a_leader_named_with_a_country_is_no_unnamed_leader():
    features = _party_candidates(
        "Statement\n\nThe Prime Minister of Fiji met the Australian Prime Minister in Suva and "
        "Australia pledged support.")
    assert features["AU"].get("most_named") and not features["AU"].get("most_named_unnamed_leader")


def test_a_short_heading_naming_principles_heads_the_list_under_it(extract_text):
    text = ("Joint Statement on Research Security\n\nThe partners met in Ottawa and agreed on common "
            "rules for research.\n\nGuiding Principles\n\n- Openness in research\n- Reciprocity between "
            "partners\n- Integrity of results\n\nThe partners will meet again next year.")
    assert _principles(extract_text(text)) == ["Openness in research", "Reciprocity between partners",
                                                "Integrity of results"]
    # a line of figures is no heading of ideals
    figures = text.replace("Guiding Principles", "Export values 2023")
    assert _principles(extract_text(figures)) == []


def test_a_numbered_paragraph_that_leads_in_bullets_of_principles(extract_text):
    record = extract_text(
        "Leaders’ Communiqué\n\n"
        "12. We recognise the needs of partner countries. Underpinning our approach will be the "
        "following key principles:\n\n"
        "- values-driven vision: we believe that projects should be transparent.\n"
        "- market-led: we will mobilise private capital.\n"
        "- strong standards: we will make high standards a central plank.\n\n"
        "13. We will meet again next year.")
    # (each bullet is its label; "values-driven" is no mention of values)
    assert _principles(record) == ["values-driven vision", "market-led", "strong standards"]


def test_principles_lists_belong_to_their_own_clause(extract_text):
    record = extract_text(
        "Leaders’ Communiqué\n\n"
        "Guided by our enduring ideals as democracies, we have agreed an agenda for global action to:\n\n"
        "- End the pandemic by vaccinating the world.\n"
        "- Protect our planet by supporting a green revolution.\n\n"
        "We will meet again next year.\n\n"
        "We oppose measures which may undermine these democratic values, such as internet shutdowns and "
        "network restrictions. Supply will follow the principles of openness and transparency, including "
        "through removing restrictive measures and supporting diversified supply chains. To ensure our "
        "values are upheld, we will make high standards – across environmental, social and governance "
        "fields – a central plank.")
    assert _principles(record) == ["openness", "transparency"]


def test_lettered_items_under_numbered_principles_are_no_principles(extract_text):
    record = extract_text(
        "Agreement on Chemical Security\n\n"
        "The framework rests on the following principles:\n\n"
        "1. Access is controlled at every stage of the supply chain.\n"
        "a) report any loss to the police;\n"
        "b) undergo background checking;\n"
        "2. Accountability is kept by every licence holder.")
    assert _principles(record) == ["Access is controlled at every stage of the supply chain",
                                   "Accountability is kept by every licence holder"]


def test_every_bullet_of_a_joint_fact_sheet_is_weighed_by_the_commitment_model():
    from pipeline.extract import extract, make_context
    from pipeline.extract.recommendations import candidates
    from pipeline.parse.text import parse_text

    def read(text):
        ctx = make_context(parse_text(text))
        record = extract(ctx.parsed, ctx=ctx)
        return {c.text: c.source for c in candidates(ctx)}, record

    joint, record = read(
        "FACT SHEET: Partnership on Space\n\nToday the two countries expanded their partnership.\n\n"
        "Civil Space\n\n"
        "- The United States and Japan signed a Framework Agreement on space cooperation.\n"
        "- The two countries will fly a Japanese astronaut to the lunar surface.\n")
    one_sided, _ = read(
        "FACT SHEET: The President Announces New Space Investments\n\nToday the President acts.\n\n"
        "- NASA will fund three lunar landers.\n- The Department of Commerce launched a registry.\n")
    # (a bullet that commits in its words is a commitment to the rules; the
    # others of a sheet of two governments only the commitment model may take)
    assert joint == {
        "The United States and Japan signed a Framework Agreement on space cooperation": "sheet_item",
        "The two countries will fly a Japanese astronaut to the lunar surface": "joint_commitment"}
    assert one_sided == {}
    assert all(r.rule.endswith("+commitment.model") for r in record.recommendations)


def test_a_lead_in_whose_subject_is_both_sides_or_an_agreements_terms_lists_commitments():
    from pipeline.extract import extract, make_context
    from pipeline.extract.recommendations import candidates
    from pipeline.parse.text import parse_text

    def read(text):
        ctx = make_context(parse_text(text))
        extract(ctx.parsed, ctx=ctx)
        return {c.text: c.source for c in candidates(ctx)}

    # (a headline that has one side announce the sheet no longer decides:
    # the lead-in's own words say whose undertakings the items are)
    terms = read(
        "Fact Sheet: President Smith Announces Trade Deal with Peru\n\n"
        "Today, President Smith announced a trade deal with Peru.\n\n"
        "Key terms of the Agreement with Peru include:\n\n"
        "- Peru will eliminate tariffs on U.S. agricultural exports.\n"
        "- Peru has committed to strengthening labor protections.\n")
    both = read(
        "FACT SHEET: United States and Brazil Launch Clean Energy Partnership\n\n"
        "Today the United States and Brazil launched a clean energy partnership. The two governments will:\n\n"
        "- Launch a joint working group on offshore wind.\n"
        "- Support the deployment of green hydrogen.\n")
    one_side = read(
        "Fact Sheet: President Smith Announces Trade Deal with Peru\n\n"
        "Today, President Smith announced a trade deal with Peru. The deal will:\n\n"
        "- Open markets for U.S. farmers.\n- Support American jobs.\n")
    assert terms == {"Peru will eliminate tariffs on U.S. agricultural exports": "joint_commitment",
                     "Peru has committed to strengthening labor protections": "joint_commitment"}
    assert both == {"Launch a joint working group on offshore wind": "joint_commitment",
                    "Support the deployment of green hydrogen": "joint_commitment"}
    leaders = read(
        "FACT SHEET: U.S.-Kenya Partnership\n\nLeaders committed to the following:\n\n"
        "1. Expanding trade and investment between the United States and Kenya;\n"
        "2. Strengthening health security cooperation.\n")
    assert set(leaders.values()) == {"joint_commitment"} and len(leaders) == 2
    assert one_side == {}
    # (deciding is undertaking: "jointly decide to:", "resolved to:")
    decided = read(
        "Joint Fact Sheet: Chile and Peru Strategic Partnership\n\nChile and Peru jointly decide to:\n\n"
        "1. Strengthen cooperation on hydrogen supply chains;\n"
        "2. Hold an annual dialogue on economic security.\n")
    assert set(decided.values()) == {"joint_commitment"} and len(decided) == 2


def test_values_listed_with_respect_to_and_a_noun_shared_by_its_qualifiers(extract_text):
    record = extract_text(
        "Joint Statement of Chile and Peru\n\nThe two democracies share a number of core values, "
        "including with respect to human and labor rights, environmental protection, the rule of law "
        "and regulatory transparency.")
    assert _principles(record) == ["human and labor rights", "environmental protection", "rule of law",
                                   "regulatory transparency"]


def test_values_and_what_they_rest_on(extract_text):
    # ("principles, grounded in the Outer Space Treaty": a named instrument is no list)
    record = extract_text(
        "Partnership\n\nThe two nations are strengthening their partnership to advance prosperity, "
        "security, and shared values based on a rules-based international order, transparent "
        "governance, fair economic practices, and respect for international law. They affirm key "
        "principles, grounded in the Outer Space Treaty of 1967.")
    assert [p.text for p in record.principles] == [
        "rules-based international order", "transparent governance", "fair economic practices",
        "respect for international law"]


def test_recommendations_whose_list_markers_were_lost_are_its_paragraphs(extract_text):
    # (the sentence after the list reports what the Government will do: the list has ended)
    record = extract_text(
        "Government Response To Aged Care Review\n\nCanberra\n\nThe Prime Minister today released the report "
        "of the Review of Aged Care Funding.\n\nThe Review makes 12 recommendations. The key recommendations "
        "are:\n\nThe establishment of a single national aged care gateway to simplify access to services.\n\n"
        "Increased funding for home care packages over the next four years.\n\nA new independent pricing "
        "authority to advise the Government on the cost of care.\n\nThe Government will respond to the "
        "remaining recommendations later this year.")
    assert [r.text for r in record.recommendations] == [
        "The establishment of a single national aged care gateway to simplify access to services",
        "Increased funding for home care packages over the next four years",
        "A new independent pricing authority to advise the Government on the cost of care"]


def test_a_lettered_list_run_into_its_recommending_paragraph(extract_text):
    record = extract_text(
        "Inquiry Report Released\n\nCanberra\n\nThe Prime Minister today released the report of the Inquiry. "
        "The Committee recommended that (a) the Commonwealth establish a national water authority; (b) water "
        "trading be extended to all States; and (c) the authority report annually to Parliament.\n\n"
        "The Government accepts these recommendations.")
    assert [(r.number, r.text) for r in record.recommendations] == [
        ("a", "the Commonwealth establish a national water authority"),
        ("b", "water trading be extended to all States"),
        ("c", "the authority report annually to Parliament")]


def test_labels_on_their_own_lines_under_a_recommending_lead_in_number_the_paragraphs_below(extract_text):
    # (the paragraphs after the lead-in have their markers: each label is a
    # recommendation's number, not an item of an unmarked list)
    record = extract_text(
        "Government Response To The Productivity Commission Inquiry\n\nCanberra, 1 July 2020\n\n"
        "The Commission made 12 recommendations. The Government supports the following recommendations:\n\n"
        "Recommendation 3.1\n\nThe Australian Government should simplify the tax treatment of small business.\n\n"
        "Recommendation 3.2\n\nState governments should remove stamp duty on commercial property. The "
        "Commonwealth will work with them on the transition.\n\n"
        "Recommendation 4.1\n\nThe Treasury should publish an annual report on regulatory burden.")
    assert [(r.number, r.text) for r in record.recommendations] == [
        ("3.1", "The Australian Government should simplify the tax treatment of small business"),
        ("3.2", "State governments should remove stamp duty on commercial property"),
        ("4.1", "The Treasury should publish an annual report on regulatory burden")]


def test_an_audit_reports_closing_labels_number_its_recommendations_and_its_next_section_ends_them(extract_text):
    record = extract_text(
        "Cybersecurity: Federal Agencies Need to Strengthen Incident Response\n\nPublished: March 3, 2023\n\n"
        "Recommendations for Executive Action\n\n"
        "We are making two recommendations to the Department of Homeland Security:\n\n"
        "The Secretary of Homeland Security should ensure that the Director of CISA develops a plan to share "
        "incident data with agencies. (Recommendation 1)\n\n"
        "The Secretary of Homeland Security should ensure that the Director of CISA evaluates the incident "
        "reporting portal. (Recommendation 2)\n\nAgency Comments\n\nDHS concurred with our recommendations.")
    assert [(r.number, r.text) for r in record.recommendations] == [
        ("1", "The Secretary of Homeland Security should ensure that the Director of CISA develops a plan to "
              "share incident data with agencies"),
        ("2", "The Secretary of Homeland Security should ensure that the Director of CISA evaluates the incident "
              "reporting portal")]


def test_a_label_that_names_a_topic_numbers_the_paragraph_that_recommends(extract_text):
    record = extract_text(
        "Final Report of the Commission on Water Security\n\nPublished 10 October 2019\n\n"
        "Chapter 5: Recommendations\n\nRecommendation 1: Governance\n\nThe Commission recommends that a "
        "National Water Council be established. The Council should meet twice a year.\n\n"
        "Recommendation 2: Water pricing\n\nThe Commission recommends that water prices reflect the full cost "
        "of supply.")
    assert [(r.number, r.text) for r in record.recommendations] == [
        ("1", "The Commission recommends that a National Water Council be established"),
        ("2", "The Commission recommends that water prices reflect the full cost of supply")]


def test_an_actors_should_over_a_numbered_list_makes_its_items_recommendations(extract_text):
    record = extract_text(
        "An inspection of asylum casework\n\nPublished 12 March 2020\n\nRecommendations\n\n"
        "The Home Office should:\n\n"
        "1. Ensure that all asylum caseworkers complete the mandatory training. They should be tested.\n"
        "2. Review the quality assurance framework, so that it identifies errors early.\n")
    assert [(r.number, r.text, r.actor) for r in record.recommendations] == [
        ("1", "Ensure that all asylum caseworkers complete the mandatory training", "The Home Office"),
        ("2", "Review the quality assurance framework, so that it identifies errors early", "The Home Office")]


def test_a_paragraph_number_is_no_part_of_the_recommendation_it_opens(extract_text):
    record = extract_text(
        "Inquiry into the future of work\n\nReport of the Standing Committee\n\nRecommendation 1\n\n"
        "2.45 The Committee recommends that the Australian Government establish a national office.\n\n"
        "Recommendation 2\n\n3.12 The Committee recommends that the Government legislate a right to "
        "disconnect.")
    assert [(r.number, r.text, r.evidence.text) for r in record.recommendations] == [
        ("1", "The Committee recommends that the Australian Government establish a national office",
         "The Committee recommends that the Australian Government establish a national office"),
        ("2", "The Committee recommends that the Government legislate a right to disconnect",
         "The Committee recommends that the Government legislate a right to disconnect")]


def test_a_recommendations_number_may_be_spelt_out(extract_text):
    record = extract_text(
        "Report on digital government\n\nOur recommendations\n\nRecommendation one: The Cabinet Office "
        "should set common data standards.\n\nRecommendation two: Departments should publish their plans.")
    assert [(r.number, r.text) for r in record.recommendations] == [
        ("one", "The Cabinet Office should set common data standards"),
        ("two", "Departments should publish their plans")]


def test_the_recommendation_column_of_a_response_table_holds_recommendations():
    from datetime import datetime, timezone

    from pipeline.extract import extract
    from pipeline.parse.html import parse_html
    from pipeline.raw import RawDocument
    from pipeline.sources import Source

    html = ("<html><body><main><h1>Government response to the Committee's report</h1><table>"
            "<tr><th>No.</th><th>Recommendation</th><th>Response</th></tr>"
            "<tr><td>1</td><td>The Department should publish its plan for reducing waiting lists.</td>"
            "<td>Accepted</td></tr>"
            "<tr><td>2</td><td>NHS England should fund additional diagnostic centres. It should report.</td>"
            "<td>Not accepted</td></tr></table>"
            "<table><tr><th>Year</th><th>Budget</th></tr><tr><td>2020</td><td>The budget grew by a "
            "tenth.</td></tr></table></main></body></html>")
    raw = RawDocument(source=Source(id="response", uri="https://example.gov/response"), data=html.encode(),
                      media_type="text/html", sha256="0" * 64, fetched_at=datetime(2024, 5, 6, tzinfo=timezone.utc))
    record = extract(parse_html(raw))
    assert [(r.number, r.text, r.evidence.text) for r in record.recommendations] == [
        ("1", "The Department should publish its plan for reducing waiting lists",
         "The Department should publish its plan for reducing waiting lists"),
        ("2", "NHS England should fund additional diagnostic centres",
         "NHS England should fund additional diagnostic centres")]


def test_the_country_a_signer_signed_for_is_a_party(extract_text):
    record = extract_text(
        "STATEMENT: Strengthening the U.S.-Africa Partnership in Space\n\nOn December 13, 2022, the "
        "U.S.-Africa Leaders Summit featured the first U.S.-Africa Space Forum. The Forum reaffirmed the "
        "United States’ commitment to collaborating with African partners on the peaceful use of outer space."
        "\n\nProfessor Isa Ali Ibrahim, Minister of Communications and Digital Economy, signed "
        "the Artemis Accords on behalf of Nigeria, while Francis Ngabo, CEO of the Space Agency, signed the "
        "Accords on behalf of Rwanda.")
    assert {"NG", "RW"} <= {p.country_code for p in record.parties}
    assert [(s.name, s.country_code) for s in record.signatories] == [
        ("Isa Ali Ibrahim", "NG"), ("Francis Ngabo", "RW")]


def test_values_a_subject_is_said_to_value(extract_text):
    record = extract_text(
        "Joint Statement\n\nAs the leaders of democracies that value freedom, the rule of law, human rights, "
        "and pluralism, the two Prime Ministers reaffirmed their partnership. Leaders who cherish peace and "
        "stability met today.")
    assert _principles(record) == ["freedom", "rule of law", "human rights", "pluralism"]


def test_a_numbered_list_run_into_what_the_recommendations_propose(extract_text):
    record = extract_text(
        "Review of Charging Infrastructure Released\n\nCanberra\n\nThe Minister today released the review's "
        "technical recommendations. The recommendations propose 1) the development of a joint standards "
        "strategy; 2) support for smart charging infrastructure that avoids stranded assets; and 3) the "
        "identification of the research still required.\n\nThe Government will respond later this year.")
    assert [(r.number, r.text) for r in record.recommendations] == [
        ("1", "the development of a joint standards strategy"),
        ("2", "support for smart charging infrastructure that avoids stranded assets"),
        ("3", "the identification of the research still required")]


def test_a_fact_sheets_title_case_labels_read_as_labels_not_commitments():
    from pipeline.extract.recommendations import candidates
    from tests.conftest import context_from_text

    ctx = context_from_text(
        "FACT SHEET: U.S.-Mexico Joint Economic Dialogue\n\nThe two governments will undertake the following:\n\n"
        "- Trade Facilitation and Infrastructure\n- Coordinate on critical industries to mitigate supply chain "
        "disruptions\n- Improve Access to Medical Devices for Public Health Emergencies in Both Countries Through "
        "Joint Procurement and Shared Standards\n")
    shapes = {c.text: "item:title_case" in c.features for c in candidates(ctx)}
    assert shapes == {"Trade Facilitation and Infrastructure": True,
                      "Coordinate on critical industries to mitigate supply chain disruptions": False,
                      "Improve Access to Medical Devices for Public Health Emergencies in Both Countries Through "
                      "Joint Procurement and Shared Standards": False}


def test_a_bulleted_principle_of_two_that_stand_alone_is_split(extract_text):
    record = extract_text(
        "Joint Statement on Shared Principles for an Open Internet\n\nThe two governments share the following "
        "principles:\n\n- Openness and interoperability\n- Privacy and data protection\n- Balancing innovation "
        "and accountability\n- Inclusive and affordable access\n- Data should be shared and protected by law\n"
        "- Freedom of navigation and overflight\n- High environmental, social, and governance standards\n")
    assert [p.text for p in record.principles] == [
        "Openness", "interoperability", "Privacy", "data protection", "Balancing innovation and accountability",
        "Inclusive and affordable access", "Data should be shared and protected by law",
        "Freedom of navigation and overflight", "High environmental, social, and governance standards"]


def test_a_bulleted_item_that_lists_short_phrases_is_split_and_a_shared_modifier_keeps_it_whole(extract_text):
    record = extract_text(
        "Joint Statement on the Strategic Partnership\n\n3. The Strategic Partnership shall be founded on the "
        "following principles:\n\n(a) respect for the independence, sovereignty and territorial integrity of "
        "States;\n\n(b) equality, mutual trust and mutual benefit;\n\n(c) moderation, tolerance and "
        "inter-religious harmony; and\n\n(d) promotion of sustainable and inclusive development.\n")
    assert _principles(record) == [
        "respect for the independence, sovereignty and territorial integrity of States", "equality",
        "mutual trust", "mutual benefit", "moderation", "tolerance", "inter-religious harmony",
        "promotion of sustainable and inclusive development"]


def test_numbered_principles_each_explained_by_a_paragraph_are_one_list(extract_text):
    record = extract_text(
        "Working together: a framework for partnership\n\nPolicy paper\n\n2. Guiding principles\n\n"
        "Strategic authorities and councils should apply the following guiding principles in all their joint "
        "working:\n\n1. Decisions should be taken at the level closest to the residents they affect.\n\nThis "
        "means that strategic authorities should not take on functions that councils deliver well.\n\n2. Each "
        "partner should respect the democratic mandate of the others.\n\n3. Resources should follow "
        "responsibilities.\n\nWhere a function moves between tiers, the funding should move with it.\n\n"
        "3. Governance\n\nEach strategic authority should agree a protocol by 31 March 2026.\n")
    assert _principles(record) == [
        "Decisions should be taken at the level closest to the residents they affect",
        "Each partner should respect the democratic mandate of the others",
        "Resources should follow responsibilities"]


def test_labelled_bullets_each_explained_by_paragraphs_are_one_list_and_a_listing_label_is_split(extract_text):
    record = extract_text(
        "Chair’s Statement on Principles for Resilient Supply Chains\n\nWe discussed strengthening three key "
        "pillars of supply chain resilience:\n\n- Transparency: Improving information sharing between countries "
        "will help all countries respond to shocks.\n\nTransparency at the governmental level also helps.\n\n"
        "- Diversity, Openness, and Predictability: Open global markets are fundamental.\n\nDiverse suppliers "
        "promote resilience.\n\nPredictability is important to reliable supply chains.\n\n- Security: "
        "Security needs to be recognized as a high priority.\n")
    assert _principles(record) == ["Transparency", "Diversity", "Openness", "Predictability", "Security"]


@pytest.mark.parametrize("text, principles", [
    # (the last item before a new clause's verb; a pronoun's clause after the list)
    ("Deputy Secretary meets Deputy Foreign Minister\n\nBoth officials underscored their commitment to the "
     "principles of sovereignty, territorial integrity, and the peaceful resolution of disputes, and stressed "
     "the importance of freedom of navigation.",
     ["sovereignty", "territorial integrity", "peaceful resolution of disputes"]),
    ("Joint Statement of the Leaders\n\nOur partnership is based on the values of democracy and human rights "
     "and the rule of law, and we will continue to uphold them at home and abroad.",
     ["democracy", "human rights", "rule of law"]),
])
def test_an_inline_list_ends_where_a_new_clause_begins(extract_text, text, principles):
    assert _principles(extract_text(text)) == principles


def test_a_full_sentence_principle_runs_past_an_abbreviations_stop(extract_text):
    record = extract_text(
        "Statement of Principles on Health Cooperation\n\nThe Participants share these principles:\n\n- Health "
        "priorities should be set by the Government.\n- U.S. assistance should be delivered through national "
        "systems. It should be audited.\n")
    assert _principles(record) == ["Health priorities should be set by the Government",
                                   "U.S. assistance should be delivered through national systems"]


def test_roman_sub_points_under_lettered_principles_and_a_signature_blocks_lead_in_are_no_principles(extract_text):
    record = extract_text(
        "Statement of Principles on Health Cooperation\n\nThe Participants are guided by the following "
        "principles:\n\n(a) Country ownership: Each Partner sets its own priorities.\n\n(i) Support should be "
        "aligned with national policies.\n\n(ii) National regulators should be engaged early.\n\n(b) Mutual "
        "accountability: Each Participant should be accountable to the other.\n\nSigned at Lusaka, on September 18, 2024.\n\nFOR THE "
        "GOVERNMENT OF THE REPUBLIC OF ZAMBIA:\n\nChileshe M. Banda\n\nMinister of Health\n")
    assert _principles(record) == ["Country ownership", "Mutual accountability"]


def test_a_semicolon_lists_short_halves_are_split_and_a_gerunds_objects_kept(extract_text):
    record = extract_text(
        "Joint Statement of the C5+1 Ministerial\n\nThe Ministers reaffirmed that the C5+1 is guided by the "
        "shared principles of sovereign equality; respect for the independence and territorial integrity of "
        "states; the peaceful settlement of disputes; and mutual respect and mutual benefit.\n\nWe intend to "
        "strengthen our shared values and ideals, including the rule of law; protecting human rights and human "
        "security; and promoting sustainable development.")
    principles = _principles(record)
    assert {"mutual respect", "mutual benefit", "protecting human rights and human security"} <= set(principles)
    assert "respect for the independence and territorial integrity of states" in principles


def test_a_reports_sub_items_under_a_lead_in_recommendation_are_not_recommendations(extract_text):
    record = extract_text(
        "REPORT OF THE COMMITTEE ON RURAL HEALTH\n\nThe Committee recommended:\n\n1. That a Rural Health "
        "Training Scheme be established.\n2. That the Commonwealth and the States jointly fund measures to "
        "attract health workers to country areas, including:\n(a) an extension of the network of community "
        "health centres; and\n(b) assistance with housing for nurses.\n3. That the arrangements be reviewed "
        "before the end of 1984.\n\nThe Taskforce recommends:\n\n(a) that the Strategy be given a dedicated "
        "budget. This should include:\n(i) additional entomologists; and\n(ii) more targeted surveys;\n\n(b) "
        "that the States agree a written protocol within 12 months.\n")
    assert [r.text for r in record.recommendations] == [
        "That a Rural Health Training Scheme be established",
        "That the Commonwealth and the States jointly fund measures to attract health workers to country areas, "
        "including", "That the arrangements be reviewed before the end of 1984",
        "that the Strategy be given a dedicated budget", "that the States agree a written protocol within 12 months"]


def test_governments_listed_one_to_a_line_read_as_the_same_list_inline():
    from pipeline.extract.parties import candidates
    from tests.conftest import context_from_text

    names = ["Australia", "Canada", "Estonia", "Germany", "Latvia", "Lithuania", "the Netherlands",
             "United Kingdom", "United States"]
    head = ("Media Freedom Coalition Joint Statement on Belarus\n\nMedia Note\n\nMay 3, 2024\n\nThe undersigned "
            "members of the Media Freedom Coalition condemn the continued detention of journalists in Belarus.\n\n")
    lines = head + "Signed by the Governments of:\n\n" + "".join(f"- {n}\n" for n in names)
    inline = head + "Signed by the Governments of: " + ", ".join(names[:-1]) + ", and " + names[-1] + ".\n"
    def cues(text):
        return {c.code: {k for k, v in c.features.items() if v == 1.0} for c in candidates(context_from_text(text))}

    by_line, by_sentence = cues(lines), cues(inline)
    assert set(by_line) == set(by_sentence)
    for code in ("AU", "DE", "NL", "US"):
        assert by_line[code] == by_sentence[code]


def test_an_instruments_title_in_capitals_over_several_lines_is_one_title(extract_text):
    record = extract_text(
        "MEMORANDUM OF UNDERSTANDING\nBETWEEN\nTHE GOVERNMENT OF MALAYSIA\nAND\nTHE GOVERNMENT OF THE FEDERATIVE "
        "REPUBLIC OF BRAZIL\nON THE ESTABLISHMENT OF A MECHANISM FOR BILATERAL CONSULTATIONS\n\nThe Government of "
        "Malaysia and the Government of the Federative Republic of Brazil have reached the following "
        "understanding.\n")
    assert record.title == ("MEMORANDUM OF UNDERSTANDING BETWEEN THE GOVERNMENT OF MALAYSIA AND THE GOVERNMENT OF "
                            "THE FEDERATIVE REPUBLIC OF BRAZIL ON THE ESTABLISHMENT OF A MECHANISM FOR BILATERAL "
                            "CONSULTATIONS")


def test_the_headline_under_a_genre_label_and_the_issuing_office(extract_text):
    record = extract_text(
        "MEDIA STATEMENT\nPRIME MINISTER’S OFFICE OF MALAYSIA\n\nTHE 11TH MALAYSIA–SINGAPORE LEADERS’ RETREAT\n\n"
        "PUTRAJAYA, 7 JANUARY 2025 – Prime Minister Datuk Seri Anwar Ibrahim today hosted the Prime Minister of "
        "the Republic of Singapore, Lawrence Wong, at the 11th Malaysia–Singapore Leaders’ Retreat.\n")
    assert record.title == "THE 11TH MALAYSIA–SINGAPORE LEADERS’ RETREAT"


def test_a_leaders_title_set_off_after_the_name_gives_their_government(extract_text):
    record = extract_text(
        "Readout of National Security Advisor Jake Sullivan's Meeting with Director Wang Yi\n\nJanuary 27, 2024\n\n"
        "National Security Advisor Jake Sullivan met with Wang Yi, Director of the Office of the Central Foreign "
        "Affairs Commission and Minister of Foreign Affairs of the People's Republic of China, in Bangkok, "
        "Thailand, on January 26 and 27, 2024. The two sides held candid and substantive discussions.\n")
    assert {p.country_code for p in record.parties} == {"US", "CN"}
