import pytest


def _signatories(record):
    return {s.name: (s.title, s.organization, s.country) for s in record.signatories}


def test_signed_by_list(extract_text):
    record = extract_text(
        "Agencies Sign Memorandum\n\nThe memorandum was signed by NOAA Administrator Rick Spinrad "
        "and the Japanese Minister of Education, Keiko Nagaoka, at a ceremony.")
    assert _signatories(record) == {"Rick Spinrad": ("NOAA Administrator", "", "United States"),
                                    "Keiko Nagaoka": ("Minister of Education", "", "Japan")}


def test_subject_chain_and_on_behalf_of(extract_text):
    record = extract_text(
        "Forum Statement\n\nProfessor Isa Ali Ibrahim, Minister of Communications, signed the "
        "Accords on behalf of Nigeria, while Francis Ngabo, CEO of Rwanda Space Agency, signed "
        "the Accords on behalf of Rwanda. They were joined by Assistant Secretary Monica Medina.")
    assert _signatories(record) == {
        "Isa Ali Ibrahim": ("Minister of Communications", "", "Nigeria"),
        "Francis Ngabo": ("CEO", "Rwanda Space Agency", "Rwanda")}
    assert [p.name for p in record.people] == ["Monica Medina"]
    assert {p.name for p in record.parties} == {"Nigeria", "Rwanda"}


def test_nobody_named_means_no_signatory(extract_text):
    record = extract_text(
        "Joint Statement of the United States and Finland\n\nWe, signed below, intend to pursue "
        "cooperation. The governments today signed the statement.")
    assert record.signatories == []


def test_attending_a_signing_is_not_signing(extract_text):
    record = extract_text(
        "Leaders Sign Agreement\n\nDr. Jake Taylor, Assistant Director at OSTP, attended the "
        "signing in Tokyo. We congratulate the universities for signing the partnership.")
    assert record.signatories == []


def test_signature_block_with_two_names_on_one_line(extract_text):
    record = extract_text(
        "Statement of Intent on Clean Energy\n\nWe direct our Governments to report back.\n\n"
        "JOSEPH R. BIDEN JR. ANTHONY ALBANESE\n"
        "President of the United States of America Prime Minister of Australia\n\n"
        "May 20, 2023\nHiroshima, Japan")
    assert _signatories(record) == {
        "JOSEPH R. BIDEN JR.": ("President of the United States of America", "", "United States"),
        "ANTHONY ALBANESE": ("Prime Minister of Australia", "", "Australia")}


def test_mixed_case_signature_block_with_honorifics_and_governments(extract_text):
    record = extract_text(
        "Joint Statement on AI Research\n\nThe two governments intend to cooperate on compute.\n\n"
        "Signed in duplicate at London on 11 March 2024.\n\n"
        "For the Government of the United Kingdom:\nRt Hon Oliver Pennington MP\n"
        "Secretary of State for Science, Innovation and Technology\n\n"
        "For the Government of Canada:\nThe Honourable Priya Deshpande\n"
        "Minister of Innovation, Science and Industry")
    assert _signatories(record) == {
        "Oliver Pennington": ("Secretary of State for Science, Innovation and Technology", "", "United Kingdom"),
        "Priya Deshpande": ("Minister of Innovation, Science and Industry", "", "Canada")}
    assert ("2024-03-11", "signed") in {(d.value, d.role.value) for d in record.dates}


def test_a_signer_after_the_colon_of_the_party_line(extract_text):
    record = extract_text(
        "Joint Declaration\n\nThe Participants will cooperate on science and technology.\n\n"
        "Done at London on 1 May 2023.\n\n"
        "For the United Kingdom of Great Britain and Northern Ireland: Tom Reid, Secretary of State\n\n"
        "FOR THE REPUBLIC OF KOREA: Kim Min-jun")
    assert _signatories(record) == {"Tom Reid": ("Secretary of State", "", "United Kingdom"),
                                    "Kim Min-jun": ("", "", "South Korea")}
    assert {p.country_code for p in record.parties} == {"GB", "KR"}


def test_the_countries_in_the_signers_titles_are_the_parties(extract_text):
    record = extract_text(
        "Joint statement\n\nSigned:\n\nThe Rt Hon Tom Reid MP, Prime Minister of the United Kingdom\n"
        "His Excellency Kenji Mori, Prime Minister of Japan")
    assert set(_signatories(record)) == {"Tom Reid", "Kenji Mori"}
    assert {p.country_code for p in record.parties} == {"GB", "JP"}


def test_names_under_their_party_set_in_capitals(extract_text):
    record = extract_text(
        "Agreement between the United States and Kenya\n\nIN WITNESS WHEREOF, the undersigned, being duly "
        "authorized by their respective Governments, have signed this Agreement.\n\n"
        "FOR THE GOVERNMENT OF THE UNITED STATES OF AMERICA:\nAntony J. Blanton\n\n"
        "FOR THE GOVERNMENT OF THE REPUBLIC OF KENYA:\nAlfred Mwangi")
    assert {s.name: s.country for s in record.signatories} == {"Antony J. Blanton": "United States",
                                                              "Alfred Mwangi": "Kenya"}


def test_witnesses_are_not_signatories(extract_text):
    record = extract_text(
        "Space Agencies Sign MoU\n\nThe MoU was signed by Dr. S. R. Krishnamurthy, Chairman of "
        "ISRO, and Dr. Faisal bin Nasser Al-Harbi, Chief Executive Officer of the Saudi Space "
        "Agency, in the presence of External Affairs Minister Dr. Arvind K. Menon.")
    assert set(_signatories(record)) == {"S. R. Krishnamurthy", "Faisal bin Nasser Al-Harbi"}
    assert [p.name for p in record.people] == ["Arvind K. Menon"]


def test_honorifics_and_post_nominals_around_signers(extract_text):
    record = extract_text(
        "Ministers sign pact\n\nThe Hon. Penny Wong MP, Minister for Foreign Affairs and the Hon. "
        "Richard Marles MP, Deputy Prime Minister have signed a new framework on regional security.")
    assert set(_signatories(record)) == {"Penny Wong", "Richard Marles"}


def test_subjects_who_act_by_signing(extract_text):
    record = extract_text(
        "Partnership\n\nForeign Minister Sara Lindqvist and Minister of Trade Jonas Berg marked the "
        "anniversary by signing a Joint Declaration on innovation in Stockholm. Secretary Ana Costa "
        "praised the commitment shown by signing countries.")
    assert set(_signatories(record)) == {"Sara Lindqvist", "Jonas Berg"}
    # (an auxiliary before the verb: "have marked ... by signing")
    record = extract_text(
        "Forest Pact\n\nPrime Minister Julia Gillard and Tasmanian Premier Lara Giddings have marked the "
        "historic vote by signing an agreement in support of the forests.")
    assert set(_signatories(record)) == {"Julia Gillard", "Lara Giddings"}
    # (two offices of one person apart by a slash; initials after an office)
    record = extract_text(
        "Agreement Signed\n\nSecretary Blinken and Crown Prince/Prime Minister Salman today signed the "
        "agreement in an official ceremony. Vice President JD Vance and Minister Ana Costa signed a "
        "memorandum of understanding.")
    assert set(_signatories(record)) == {"Blinken", "Salman", "JD Vance", "Ana Costa"}
    # (the press's word for it)
    record = extract_text(
        "Australia and India Ink Migration Pact\n\nForeign Minister Paula Wren and External Affairs "
        "Minister Ravi Menon inked the Migration and Mobility Partnership Arrangement in New Delhi.")
    assert set(_signatories(record)) == {"Paula Wren", "Ravi Menon"}


def test_two_signature_columns_read_across(extract_text):
    record = extract_text(
        "Joint Declaration\n\nThe two governments intend to deepen cooperation on science, technology "
        "and innovation across research institutions, universities and industry for both peoples.\n\n"
        "Signed at Canberra on 3 March 2024.\n\nFor the Government of For the Government of\n"
        "Australia: Japan:\nAnthony Albanese Fumio Kishida\nPrime Minister Prime Minister\n")
    assert _signatories(record) == {"Anthony Albanese": ("Prime Minister", "", ""),
                                    "Fumio Kishida": ("Prime Minister", "", "")}


def test_signature_columns_set_apart_by_a_tab_hold_a_name_each(extract_text):
    # (a table's cells, as an export or a page's table gives them: the styles
    # of one column are no part of the other's name)
    record = extract_text(
        "Joint Statement between Malaysia and the Republic of Indonesia\n\nThe two governments intend to "
        "deepen cooperation on trade and investment.\n\nDone at Putrajaya on 8 January 2024.\n\n"
        "For the Government of Malaysia\tFor the Government of the Republic of Indonesia\n"
        "Dato' Seri Anwar Ibrahim\tJoko Widodo\nPrime Minister\tPresident\n")
    assert _signatories(record) == {"Anwar Ibrahim": ("Prime Minister", "", "Malaysia"),
                                    "Joko Widodo": ("President", "", "Indonesia")}


def test_a_table_of_three_signature_columns_names_one_signer_a_cell(extract_text):
    # (a suffix's stop, "Jr.", ends no sentence: the cell is a name)
    record = extract_text(
        "Joint Leaders Statement\n\nThe three governments reaffirm their commitment to the partnership."
        "\n\nSigned at San Diego on 13 March 2023.\n\n"
        "For Australia\tFor the United Kingdom\tFor the United States\n"
        "Anthony Albanese\tRishi Sunak\tJoseph R. Biden Jr.\nPrime Minister\tPrime Minister\tPresident\n")
    assert _signatories(record) == {"Anthony Albanese": ("Prime Minister", "", "Australia"),
                                    "Rishi Sunak": ("Prime Minister", "", "United Kingdom"),
                                    "Joseph R. Biden Jr.": ("President", "", "United States")}


def test_dated_list_of_titled_signers(extract_text):
    record = extract_text(
        "Leaders' Declaration\n\nThe leaders reaffirmed their commitment to a free and open region "
        "and to cooperation on climate, health, security and trade across all of the countries of "
        "the region and beyond.\n\n12 May 2024\n\nPrime Minister Ana Costa of the Republic of "
        "Portugal\n\nPresident Lars Holm of the Government of Norway\n")
    assert _signatories(record) == {"Ana Costa": ("Prime Minister", "", "Portugal"),
                                    "Lars Holm": ("President", "", "Norway")}


def test_the_noun_form_the_signers_list_and_a_counterpart_are_signers(extract_text):
    record = extract_text(
        "Signing of MOU\n\nThe two leaders witnessed the signing of the MOU by Trade Minister Ana "
        "Ruiz and Ambassador Mark Dunn.")
    assert set(_signatories(record)) == {"Ana Ruiz", "Mark Dunn"}
    record = extract_text(
        "Joint Statement on Ukraine\n\nWe condemn the attack.\n\nSignatories:\nAna Ruiz, Minister of "
        "Foreign Affairs of Chile\nMark Dunn, Secretary of State of the United States\n\nIssued on 3 May "
        "2022 in Santiago and Washington by the two ministries.")
    assert set(_signatories(record)) == {"Ana Ruiz", "Mark Dunn"}
    record = extract_text(
        "Press release\n\nThe agreement was signed in Santiago by Trade Minister Kevin Hale and his "
        "Chilean counterpart, Ana Ruiz.")
    assert set(_signatories(record)) == {"Kevin Hale", "Ana Ruiz"}


def test_the_host_of_a_signing_ceremony_is_not_a_signer(extract_text):
    record = extract_text(
        "Signing\n\nChile today became the 30th nation to sign the Accords. Minister of Science Ana "
        "Ruiz signed on behalf of Chile at a ceremony hosted by Administrator Mark Dunn.")
    assert set(_signatories(record)) == {"Ana Ruiz"}
    assert {p.name: p.role.value for p in record.people} == {"Mark Dunn": "host"}


def test_the_head_of_a_delegation_is_a_member_and_a_lower_case_office_anchors_a_name(extract_text):
    record = extract_text(
        "Readout\n\nThe U.S. delegation was led by Under Secretary Mark Dunn and included Assistant "
        "Secretary Lena Berg. The Secretary also met with opposition leader Tom Reed.")
    roles = {p.name: p.role.value for p in record.people}
    assert roles["Mark Dunn"] == "member" and roles["Lena Berg"] == "member"
    assert "Tom Reed" in roles


def test_roster_members_and_those_who_represent_a_country_are_members(extract_text):
    record = extract_text(
        "Media Release\n\nI would like to thank the Taskforce members Dr Ana Fisk, Mr Tom Reed and Ms "
        "Lena Berg for their report. At the ministerial meeting the Minister for Trade, Senator Hale, "
        "will represent Australia.")
    roles = {p.name: p.role.value for p in record.people}
    # (the rules call the one who will represent Australia a member; the
    # trained person model weighs that with the rest and may not: the
    # verdict is checked on its own)
    assert roles.pop("Hale") in ("member", "other")
    assert roles == {"Ana Fisk": "member", "Tom Reed": "member", "Lena Berg": "member"}
    from tests.conftest import rule_roles_from_text

    assert rule_roles_from_text("Media Release\n\nAt the ministerial meeting the Minister for Trade, "
                                "Senator Hale, will represent Australia.") == {"Hale": "member"}


def test_signers_with_bare_initials_and_malaysian_styles(extract_text):
    from tests.fixtures.pages import ARCHIVE_PAGE

    record = extract_text(ARCHIVE_PAGE)
    assert {s.name for s in record.signatories} == {"Ivo Petrak", "R G Lamont"}
    record = extract_text(
        "Ministers Sign Arrangement\n\nThe Minister for Immigration, Dan Rowe MP, and Malaysian "
        "Minister of Home Affairs, Dato' Seri Hamzah bin Tun Rashid, signed the arrangement in "
        "Kuala Lumpur today.")
    assert {s.name for s in record.signatories} == {"Dan Rowe", "Hamzah bin Tun Rashid"}


def test_a_list_of_signers_by_country(extract_text):
    record = extract_text(
        "Joint Statement on Sport\n\n"
        "We reaffirm our support for athletes.\n\n"
        "Signed by the following ministers or their equivalents:\n\n"
        "- Australia: The Hon Dana Holt MP, Minister for Aged Care and Minister for Sport\n"
        "- Belgium: Ivo Petrak, Minister for Higher Education, Youth, Sport and the Promotion of "
        "Brussels of the French-Speaking Community, Minister for Culture, Minister for Research, "
        "Minister for Health and Long-term Care. This signature commits the Communities of Belgium.\n"
        "- Czech Republic Rui Castro, Minister for Education, Youth and Sports\n"
        "- Denmark Ana Lopes, Minister for Culture\n"
        "- Cyprus Prodromos Antoniou, Minister of Education, Culture, Sport and Youth\n"
        "- Switzerland Viola Marti, Head of the Federal Department of Defence, Civil Protection and Sport")
    signers = {s.name: s.country for s in record.signatories}
    assert signers == {"Dana Holt": "Australia", "Ivo Petrak": "Belgium", "Rui Castro": "Czech Republic",
                       "Ana Lopes": "Denmark", "Prodromos Antoniou": "Cyprus", "Viola Marti": "Switzerland"}
    assert {"Aged Care", "Long-term Care"}.isdisjoint({p.name for p in record.people})


def test_an_attestation_clause_opens_the_signatures_even_with_notes_after_them(extract_text):
    # Two columns read across under "DONE at", two different titles, then
    # footnotes of more than a line: the block is still the instrument's signatures.
    note = ("[1] For greater certainty, the scope of this paragraph includes special economic "
            "zones and sector-specific laws or regulations with lesser protections than the "
            "overall economy, as the Parties understand them on the date of signature.")
    record = extract_text(
        "Agreement on Reciprocal Trade\n\nThe Parties intend to reduce barriers to trade.\n\n"
        "IN WITNESS WHEREOF the undersigned, being duly authorized thereto by their respective "
        "Governments, have signed this Agreement.\n\n"
        "DONE in duplicate at Lisbon, this 3rd day of May, 2025.\n\n"
        "For the Government of the For the Government of the\n\n"
        "United States of America: Republic of Portugal:\n\n"
        "Donald J. Trump Luís Almeida\n\nPresident Prime Minister\n\n" + note + "\n\n" + note)
    assert _signatories(record) == {"Donald J. Trump": ("President", "", ""),
                                    "Luís Almeida": ("Prime Minister", "", "")}


def test_signature_lines_with_a_dash_title_under_their_governments(extract_text):
    record = extract_text(
        "Memorandum on Education Cooperation\n\nThe Participants will exchange teachers.\n\n"
        "Signed in Canberra on the seventh day of September of the year two thousand and nine.\n\n"
        "For the Government of Australia:\n\n"
        "The Hon Mara Ellison - Deputy Prime Minister, Minister for Education\n\n"
        "For the Government of the Socialist Republic of Viet Nam:\n\n"
        "H.E. Dr Tran Van Khoa - Deputy Prime Minister and Minister of Foreign Affairs")
    signers = _signatories(record)
    assert set(signers) == {"Mara Ellison", "Tran Van Khoa"}
    assert signers["Mara Ellison"] == ("Deputy Prime Minister", "", "Australia")
    assert signers["Tran Van Khoa"][2] == "Vietnam"


def test_a_president_who_recently_signed_into_law_is_a_signer_to_the_rules():
    """The rules say she signed; the person-role model, which weighs their
    verdict with the other cues, decides whether the record lists her."""
    from pipeline.extract import make_context
    from pipeline.extract.kind import extract_kind
    from pipeline.extract.persons import persons
    from pipeline.parse.text import parse_text

    ctx = make_context(parse_text(
        "Readout of the Call\n\nAdvisor Sam Reed noted the $12 billion in assistance that "
        "President Elena Ruiz recently signed into law."), all_features=True)
    ctx.results["kind"] = extract_kind(ctx)
    verdicts = {c.name: next(k for k in c.features if k.startswith("verdict:")) for c in persons(ctx)}
    assert verdicts == {"Elena Ruiz": "verdict:signatory", "Sam Reed": "verdict:other"}


def test_signed_today_by_a_signing_by_a_present_tense_caption_and_a_signatories_label(extract_text):
    record = extract_text(
        "Banks Sign Memorandum\n\nThe arrangement was signed today by Senator Ana Lopez, Minister "
        "for Trade, and Mr Omar Haddad, Chairman of the Markets Commission. Today's official signing "
        "by Bank CEO Mr Peter Vance and Fund President Mr Li Wen follows talks.\n\n"
        "Mr Karl Olsen and Mr Ivan Petrov sign the Cultural Agreement.\n\n"
        "Signatories: Mr Tomas Berg, CEO, Nordic Mining Ltd; Mr Wang Lei, Chairman, Export Bank\n\n"
        "The agreements will deepen cooperation between the two countries in mining and finance.")
    assert set(_signatories(record)) == {"Ana Lopez", "Omar Haddad", "Peter Vance", "Li Wen",
                                         "Karl Olsen", "Ivan Petrov", "Tomas Berg", "Wang Lei"}


def test_a_signer_beside_the_writer(extract_text):
    record = extract_text(
        "Treaty on Defence Trade\n\nPresident Maria Alves and I today signed the Treaty on "
        "Defence Trade Cooperation in Sydney.")
    assert set(_signatories(record)) == {"Maria Alves"}


def test_a_headline_in_capitals_at_the_top_is_no_signature(extract_text):
    record = extract_text(
        "FOR PRESS: PARIS AS SITE FOR VIET NAM TALKS\n\n"
        "PARIS AS SITE FOR VIET NAM TALKS\nComment by the Prime Minister, Mr John Gorton\n\n"
        "The Australian Government welcomes the fact that a site for talks has now been agreed "
        "between the United States and Hanoi, and that a date for beginning the talks has been set.\n\n"
        "CANBERRA, 4 May 1968")
    assert record.signatories == []


def test_compound_given_names_and_a_headline_verb_in_the_present(extract_text):
    record = extract_text(
        "FACT SHEET: President Ortiz Announces 13 New Actions\n\n"
        "The agreement, signed by the Prime Minister, Mark Tully, and the French Minister for "
        "Defence, Jean-Yves Le Gall, will underpin the project. Last year President Ortiz signed "
        "an order.")
    assert {s.name for s in record.signatories} == {"Mark Tully", "Jean-Yves Le Gall", "Ortiz"}


def test_a_closing_line_of_two_names_signs_though_one_reads_as_a_bare_name(extract_text):
    # "Emmanuel Macron" alone is read as a name with nothing said of it; the
    # line holding nothing but two names, above the date, is a signature line
    record = extract_text(
        "United States-France Joint Statement\n\nThe two Presidents commend the efforts of the "
        "Coalition.\n\nJoseph R. Biden, Jr. Emmanuel Macron\nOctober 29, 2021\n")
    assert set(_signatories(record)) == {"Joseph R. Biden, Jr.", "Emmanuel Macron"}


def test_who_stands_beside_the_signer_did_not_sign(extract_text):
    record = extract_text(
        "Fact Sheet: Supporting Military Families\n\nIn June, President Lena Hart, alongside First "
        "Gentleman Tom Hart, signed an Executive Order to support military spouses.")
    assert set(_signatories(record)) == {"Lena Hart"}
    assert "Tom Hart" in {p.name for p in record.people}


def test_a_signing_group_refers_back_to_the_persons_named_before_it(extract_text):
    record = extract_text(
        "Joint Media Release\n\nPrime Minister Anthony Albanese hosted Prime Minister Fumio Kishida in "
        "Perth.\n\nThe two leaders signed a Joint Declaration on Security Cooperation.")
    assert set(_signatories(record)) == {"Anthony Albanese", "Fumio Kishida"}
    # (a group that watched the signing signed nothing)
    watched = extract_text(
        "Joint Media Release\n\nForeign Minister Penny Wong met Foreign Minister Retno Marsudi in "
        "Jakarta. Both ministers also witnessed the signing of a plan of action.")
    assert watched.signatories == []


def test_two_offices_that_signed_stand_for_the_persons_named_with_them(extract_text):
    record = extract_text(
        "Readout of the Secretary's Meeting with Foreign Minister Kaur\n\nSecretary Ben Marsh met with "
        "Ruritanian Foreign Minister Amrit Kaur in Strelsau. The Secretary and the Foreign Minister signed a "
        "Memorandum of Understanding on critical minerals.")
    assert set(_signatories(record)) == {"Ben Marsh", "Amrit Kaur"}
    # (or one half of the pair named, the other by their office)
    for sentence in ("Secretary Marsh and the Foreign Minister signed a Memorandum on minerals.",
                     "The Foreign Minister and Secretary Marsh signed a Memorandum on minerals."):
        record = extract_text(
            "Readout of the Secretary's Meeting with Foreign Minister Kaur\n\nSecretary Ben Marsh met with "
            f"Ruritanian Foreign Minister Amrit Kaur in Strelsau. {sentence}")
        assert set(_signatories(record)) == {"Ben Marsh", "Amrit Kaur"}, sentence
    # (an office the text named no one with stands for no one, and watching is no signing)
    for sentence in ("The Secretary and the Ambassador signed the guest book.",
                     "The Secretary and the Foreign Minister witnessed the signing of a plan."):
        record = extract_text(
            "Readout of the Secretary's Meeting with Foreign Minister Kaur\n\nSecretary Ben Marsh met with "
            f"Ruritanian Foreign Minister Amrit Kaur in Strelsau. {sentence}")
        assert record.signatories == []


def test_signers_after_their_verb_and_after_a_witness_clause(extract_text):
    inverted = extract_text(
        "Media Release\n\nSigning the agreement were Penny Wong, Minister for Foreign Affairs, and "
        "Antony Blinken, Secretary of State.")
    assert set(_signatories(inverted)) == {"Penny Wong", "Antony Blinken"}
    # (the witnesses come first: the signers after "signed by" are still signers)
    witnessed_first = extract_text(
        "Media Release\n\nIn the presence of Prime Minister Anthony Albanese, the agreement was signed by "
        "Minister Penny Wong and Minister Retno Marsudi.")
    assert set(_signatories(witnessed_first)) == {"Penny Wong", "Retno Marsudi"}


def test_the_names_closing_a_joint_statement_sign_it(extract_text):
    record = extract_text(
        "Joint Declaration of the United States and Germany\n\nWe commit to these principles and will "
        "meet again in Berlin to review our cooperation on climate.\n\nJoseph R. Biden, Jr.\n\n###\n")
    # (a signature block without the word "signed"; closing a report, the
    # same line is its author's sign-off)
    assert [s.name for s in record.signatories] == ["Joseph R. Biden, Jr."]
    report = extract_text(
        "Annual Report of the Water Council\n\nThis report covers the year and the work of the "
        "council on rivers.\n\nJoseph R. Biden, Jr.\n")
    assert report.signatories == [] and [(p.name, p.role.value) for p in report.people] == [
        ("Joseph R. Biden, Jr.", "author")]


def test_a_signer_whose_surname_is_a_title_is_read_whole(extract_text):
    record = extract_text(
        "Media Release\n\nIn the presence of the two leaders, the memorandum was signed by Minister "
        "Madeleine King and Minister Yasutoshi Nishimura.")
    assert set(_signatories(record)) == {"Madeleine King", "Yasutoshi Nishimura"}


def test_a_name_alone_under_the_party_it_signed_for_is_a_signatory(extract_text):
    record = extract_text(
        "Memorandum of Cooperation\n\nThe two governments intend to cooperate on clean energy.\n\n"
        "Signed at London on 15 June 2023.\nFor the Government of the United Kingdom:\nJames Cleverly\n"
        "For the Government of Japan:\nYoshimasa Hayashi")
    assert _signatories(record) == {"James Cleverly": ("", "", "United Kingdom"),
                                    "Yoshimasa Hayashi": ("", "", "Japan")}


def test_a_signer_in_a_relative_clause_and_a_representative_who_did_not_sign(extract_text):
    record = extract_text(
        "Malaysia and Thailand Sign Border Agreement\n\nMalaysia was represented by the Minister of Foreign "
        "Affairs, Dato' Seri Utama Haji Mohamad bin Haji Hasan, who signed the Agreement on behalf of the "
        "Government of Malaysia, while Thailand was represented by Foreign Minister Maris Sangiampongsa.")
    assert set(_signatories(record)) == {"Mohamad bin Haji Hasan"}
    assert "Maris Sangiampongsa" in {p.name for p in record.people}


def test_signed_for_each_party_by_and_a_title_owned_by_a_country(extract_text):
    record = extract_text(
        "Media Note\n\nThe MOU was signed for the United States by Deputy Secretary Wendy Sherman and for the "
        "Philippines by Secretary Enrique Manalo.")
    assert set(_signatories(record)) == {"Wendy Sherman", "Enrique Manalo"}
    record = extract_text(
        "Media Note\n\nU.S. Ambassador to Ghana Virginia Palmer and Ghana's Minister of Finance Ken Ofori-Atta "
        "signed the agreement at a ceremony in Accra.")
    assert set(_signatories(record)) == {"Virginia Palmer", "Ken Ofori-Atta"}


def test_signing_for_a_party_was_a_person_and_inked_by(extract_text):
    record = extract_text(
        "Media Note\n\nSigning for Malaysia was Minister of International Trade and Industry Tengku Zafrul Aziz, "
        "while Ambassador Katherine Tai signed for the United States.")
    assert set(_signatories(record)) == {"Tengku Zafrul Aziz", "Katherine Tai"}
    record = extract_text(
        "Media Note\n\nThe documents were inked by Trade Minister Mary Ng and her counterpart, Indonesian Trade "
        "Minister Zulkifli Hasan.")
    assert set(_signatories(record)) == {"Mary Ng", "Zulkifli Hasan"}


def test_a_readout_that_reports_a_signing_keeps_its_signers(extract_text):
    # (a readout stays a readout when it reports a signing; a law signed is no instrument)
    record = extract_text(
        "Secretary Marsh's Meeting with Guatemalan President Ruiz\n\nSecretary Ben Marsh met with "
        "Guatemalan President Ana Ruiz in Guatemala City today. Secretary Marsh and Foreign Minister Omar "
        "Idris signed a memorandum of understanding on migration.")
    assert record.kind.value == "readout"
    assert set(_signatories(record)) == {"Ben Marsh", "Omar Idris"}
    record = extract_text(
        "Readout of the President's Meeting with Labor Leaders\n\nPresident Dana Holt met with union "
        "leaders today. They discussed the infrastructure act that President Holt signed into law last year.")
    assert not _signatories(record)


def test_a_readout_whose_signing_sentence_refers_back_keeps_its_signers(extract_text):
    # ("the two Ministers signed": DESIGN.md names the persons of the text before)
    record = extract_text(
        "Secretary's Meeting with Ruritanian Foreign Minister\n\nSecretary of State Ben Marsh met with "
        "Ruritanian Foreign Minister Omar Idris today in Strelsau. During the meeting, the two Ministers "
        "signed a Memorandum of Understanding on maritime cooperation. They also discussed regional security.")
    assert record.kind.value == "readout"
    assert set(_signatories(record)) == {"Ben Marsh", "Omar Idris"}
    record = extract_text(
        "Secretary's Meeting with Ruritanian Foreign Minister\n\nSecretary of State Ben Marsh met with "
        "Ruritanian Foreign Minister Omar Idris today. Both ministers signed the joint communique's "
        "endorsement of the new trade act.")
    assert not _signatories(record)


def test_a_conformed_signature_names_its_signer_and_their_country(extract_text):
    # ("/s/" where an American copy printed the signature; the office's
    # country is read before its organisation is split off)
    record = extract_text(
        "Memorandum of Understanding on Cultural Cooperation\n\nThe Participants have signed this "
        "Memorandum in two originals.\n\n/s/ Kurt Lamb\nMinister of Foreign Affairs of Canada\n\n"
        "/s/ Hiro Tanaka\nMinister for Foreign Affairs of Japan")
    assert {s.name: s.country for s in record.signatories} == {"Kurt Lamb": "Canada", "Hiro Tanaka": "Japan"}
    assert {p.name for p in record.parties} == {"Canada", "Japan"}


def test_a_signing_mark_before_a_name_is_a_signature(extract_text):
    # (a copy of an instrument prints "(Signed)" or "Sgd." where the signature
    # stood; the marked lines at the end are not a page's trailing links)
    record = extract_text(
        "Joint Communique by the Prime Ministers of Australia and Papua New Guinea\n\n"
        "The Prime Ministers agreed to strengthen cooperation on defence and trade.\n\n"
        "(Signed) Martin Fellowes\nPrime Minister of Australia\n\n"
        "(Signed) Peter Kumbia\nPrime Minister of Papua New Guinea")
    assert {s.name: s.country for s in record.signatories} == {"Martin Fellowes": "Australia",
                                                              "Peter Kumbia": "Papua New Guinea"}
    record = extract_text(
        "Joint Statement on Climate Cooperation\n\nThe United States and India will deepen cooperation "
        "on clean energy.\n\nSgd. John Carver, Special Presidential Envoy for Climate\n"
        "Sgd. Anil Mehta, Minister of Environment, Forest and Climate Change")
    assert {s.name: s.title for s in record.signatories} == {
        "John Carver": "Special Presidential Envoy for Climate",
        "Anil Mehta": "Minister of Environment, Forest and Climate Change"}
    # (marked lines one under the other are each a signature, though a
    # parenthesis opens them; a mark alone over "Name, Title" lines marks them all)
    record = extract_text(
        "Statement of Intent on Space Cooperation\n\nThe two sides intend to work together.\n\n"
        "(Signed) Kurt Lamb, Deputy Secretary of State, United States\n"
        "(Signed) Hiro Tanaka, Director-General, Ministry of Foreign Affairs, Japan")
    assert set(_signatories(record)) == {"Kurt Lamb", "Hiro Tanaka"}
    record = extract_text(
        "Joint Communique of the Foreign Ministers\n\nThe ministers adopted this communique.\n\nSigned:\n\n"
        "Marie Joliet, Minister of Foreign Affairs of Canada\n\n"
        "Paula Wren, Minister for Foreign Affairs of Australia")
    assert {s.name: s.country for s in record.signatories} == {"Marie Joliet": "Canada",
                                                              "Paula Wren": "Australia"}


def test_a_name_in_capitals_over_an_office_of_its_country_signs(extract_text):
    # ("ROWAN TALBOT": a given name no list holds; the office below names the country)
    record = extract_text(
        "Joint Statement by Australia and New Zealand\n\nThe two Governments will cooperate in the "
        "South Pacific.\n\nROWAN TALBOT\nPrime Minister of Australia\n\n"
        "NORMAN KEATS\nPrime Minister of New Zealand")
    assert {s.name: s.country for s in record.signatories} == {"ROWAN TALBOT": "Australia",
                                                              "NORMAN KEATS": "New Zealand"}


def test_they_who_signed_are_the_persons_of_the_sentence_before(extract_text):
    record = extract_text(
        "Minister Visits Kenya\n\nForeign Secretary James Caldwell met Kenyan Cabinet Secretary "
        "Alfred Muriuki in Nairobi. They signed a memorandum of understanding on climate finance.")
    assert set(_signatories(record)) == {"James Caldwell", "Alfred Muriuki"}
    # (a pronoun inside a clause has that clause's subject: "pledges they signed" are theirs)
    record = extract_text(
        "Event\n\nSecretary Ana Costa and Minister Jonas Berg toured the agency. Employees said "
        "they signed pledges to cut plastic use.")
    assert not _signatories(record)


def test_names_with_their_offices_closing_a_joint_statement_sign_it(extract_text):
    record = extract_text(
        "Joint Statement by the Prime Ministers of Australia and Japan\n\nThe Prime Ministers of Australia "
        "and Japan met in Tokyo and agreed to strengthen the strategic partnership between the two "
        "countries. The two leaders reaffirmed their commitment to a free and open Indo-Pacific and "
        "agreed to hold annual summits.\n\n"
        "Colin Rudge, Prime Minister of Australia\nHiroshi Tanabe, Prime Minister of Japan\n\n"
        "Tokyo, 12 June 2008")
    assert set(_signatories(record)) == {"Colin Rudge", "Hiroshi Tanabe"}
    assert not record.people


def test_an_office_before_the_honourable_is_part_of_the_style(extract_text):
    record = extract_text(
        "Joint Statement\n\nThe two Ministers discussed regional security and agreed to deepen "
        "cooperation.\n\nSenator the Hon Paula Wren\nMinister for Foreign Affairs\nAustralia\n\n"
        "H.E. Retno Mardani\nMinister for Foreign Affairs\nRepublic of Indonesia")
    assert {s.name: s.country for s in record.signatories} == {"Paula Wren": "Australia",
                                                              "Retno Mardani": "Indonesia"}


def test_names_and_titles_in_capitals_side_by_side(extract_text):
    # (the second given name is one no list holds; the two titles count the signers)
    record = extract_text(
        "Joint Statement\n\nThe leaders agreed to deepen cooperation between the two countries in trade, "
        "security, and people-to-people ties, and to meet again next year for the annual leaders' meeting.\n\n"
        "MARCUS TENBY BUDI SANTOSA\nPRIME MINISTER OF AUSTRALIA PRESIDENT OF THE REPUBLIC OF INDONESIA")
    assert {s.name: s.country for s in record.signatories} == {"MARCUS TENBY": "Australia",
                                                              "BUDI SANTOSA": "Indonesia"}


def test_the_two_leaders_who_signed_at_the_end_are_the_two_named_at_the_start(extract_text):
    record = extract_text(
        "Joint Communique\n\nThe Prime Minister of Japan, Mr. Kenji Sato, visited Australia from 1 to 5 October "
        "1967 at the invitation of the Prime Minister of Australia, Mr. Harold Hilton.\n\n"
        "The two Prime Ministers reviewed the international situation.\n\n"
        "They discussed the situation in the region and agreed on the importance of peace.\n\n"
        "The Prime Ministers also reviewed trade relations between the two countries.\n\n"
        "At the conclusion of the talks, the two Prime Ministers signed an Agreement on Cultural Cooperation.")
    assert set(_signatories(record)) == {"Kenji Sato", "Harold Hilton"}


def test_two_columns_under_their_parties_in_capitals(extract_text):
    # (the titles' line under the names is no trailing link of the page;
    # the columns' parties give each name its country)
    record = extract_text(
        "Memorandum of Understanding\n\nThe Participants intend to cooperate.\n\n"
        "FOR THE GOVERNMENT OF MALAYSIA FOR THE GOVERNMENT OF THE REPUBLIC OF SINGAPORE\n"
        "TENGKU ZAFRUL AZIZ GAN KIM YONG\n"
        "Minister of Investment, Trade and Industry Minister for Trade and Industry")
    assert {s.name: s.country for s in record.signatories} == {"TENGKU ZAFRUL AZIZ": "Malaysia",
                                                              "GAN KIM YONG": "Singapore"}


def test_names_on_behalf_of_their_governments(extract_text):
    record = extract_text(
        "Memorandum of Understanding\n\nThe Participants intend to cooperate.\n\n"
        "On behalf of the Government of Australia:\nJason Clarke, Minister for Education\n\n"
        "On behalf of the Government of Viet Nam:\nNguyen Kim Son, Minister of Education and Training")
    assert {s.name: (s.title, s.country) for s in record.signatories} == {
        "Jason Clarke": ("Minister for Education", "Australia"),
        "Nguyen Kim Son": ("Minister of Education and Training", "Vietnam")}
    assert not record.people


def test_a_name_whose_hyphenated_part_reads_as_a_preposition_ends_its_line(extract_text):
    # ("Jae-in" ends in "in": the line is no sentence broken before its next word)
    record = extract_text(
        "Joint Statement of Intent on Critical Minerals\n\nThe two Governments intend to deepen cooperation.\n\n"
        "For the Government of Australia\nThe Hon Callum Brearley MP\nMinister for Resources\n\n"
        "For the Government of the Republic of Korea\nH.E. Seo Jae-in\nMinister of Trade, Industry and Energy")
    assert _signatories(record) == {
        "Callum Brearley": ("Minister for Resources", "", "Australia"),
        "Seo Jae-in": ("Minister of Trade, Industry and Energy", "", "South Korea")}
    assert {p.name for p in record.parties} == {"Australia", "South Korea"}


def test_signers_on_lines_that_open_with_an_abbreviated_honorific(extract_text):
    # ("Mr." or "H.E." at a line's start ends no sentence: the title after the name is read with it)
    record = extract_text(
        "Joint Statement on Maritime Security by Foreign Ministers\n\nWe condemn attacks on shipping.\n\n"
        "Signed:\n\nThe Hon Adele Varga, Minister of Foreign Affairs of Canada\n"
        "H.E. Tanaka Hiroshi, Minister for Foreign Affairs of Japan\n"
        "Mr. Piet de Wolf, Minister of Foreign Affairs of the Netherlands")
    assert {s.name: s.country for s in record.signatories} == {
        "Adele Varga": "Canada", "Tanaka Hiroshi": "Japan", "Piet de Wolf": "Netherlands"}
    assert {s.name: s.title for s in record.signatories}["Tanaka Hiroshi"] == "Minister for Foreign Affairs of Japan"


def test_names_under_their_party_after_a_blank_line_and_in_capitals(extract_text):
    # (a page's paragraphs set the party, the name and the title a blank line apart)
    record = extract_text(
        "Joint Declaration of Intent\n\nThe two ministries intend to cooperate on hydrogen.\n\n"
        "Signed in Berlin on 14 June 2023 in two originals.\n\n"
        "For the Federal Ministry for Economic Affairs and Climate Action of the Federal Republic of Germany\n\n"
        "Dr. Rainer Vollmer\nFederal Minister\n\n"
        "For the Department of Energy of the United States of America\n\n"
        "Joanna M. Castell\nSecretary of Energy")
    assert {s.name: s.country for s in record.signatories} == {"Rainer Vollmer": "Germany",
                                                              "Joanna M. Castell": "United States"}
    record = extract_text(
        "Memorandum of Understanding\n\nIN WITNESS WHEREOF, the undersigned have signed this Memorandum.\n\n"
        "FOR THE GOVERNMENT OF THE UNITED STATES OF AMERICA:\nANTONY J. BLANTON\n\n"
        "FOR THE GOVERNMENT OF THE REPUBLIC OF GHANA:\nSHIRLEY AYORKOR MENSAH")
    assert {s.name: s.country for s in record.signatories} == {"ANTONY J. BLANTON": "United States",
                                                              "SHIRLEY AYORKOR MENSAH": "Ghana"}


def test_the_two_ministers_who_signed_include_a_secretary(extract_text):
    # (a Secretary of Foreign Affairs is a minister)
    record = extract_text(
        "Japan-Philippines Foreign Ministers' Meeting\n\nOn July 8, Ms. KAMIKAWA Yoko, Minister for Foreign "
        "Affairs of Japan, held a meeting with H.E. Mr. Enrique A. Manalo, Secretary of Foreign Affairs of "
        "the Republic of the Philippines. The two ministers signed the Reciprocal Access Agreement.")
    assert {s.name for s in record.signatories} == {"KAMIKAWA Yoko", "Enrique A. Manalo"}


def test_a_signers_title_holds_no_other_signers_name(extract_text):
    record = extract_text(
        "India and UAE sign MoU\n\nThe MoU was signed by Shri Piyush Goyal, Union Minister of Commerce and "
        "Industry, and H.E. Dr. Thani bin Ahmed Al Zeyoudi, Minister of State for Foreign Trade of the UAE.")
    titles = {s.name: s.title for s in record.signatories}
    assert set(titles) == {"Piyush Goyal", "Thani bin Ahmed Al Zeyoudi"}
    assert "Goyal" not in titles["Thani bin Ahmed Al Zeyoudi"]


def test_adverbs_between_signed_and_by(extract_text):
    record = extract_text(
        "Agencies Sign Memorandum\n\nThe memorandum was signed here electronically by "
        "NOAA Administrator Rick Spinrad and the Japanese Minister of Education, Keiko Nagaoka.")
    assert set(_signatories(record)) == {"Rick Spinrad", "Keiko Nagaoka"}


def test_signers_after_a_signed_the_lead_in(extract_text):
    record = extract_text(
        "Declaration on Ocean Science\n\nThe partners will share data.\n\n"
        "The following ministers signed the Declaration:\n"
        "Minister Carla Duarte, Portugal\n"
        "Minister Tomas Berg, Sweden")
    assert set(_signatories(record)) == {"Carla Duarte", "Tomas Berg"}


def test_signers_named_without_a_title(extract_text):
    record = extract_text(
        "Agencies Sign Memorandum\n\nThe memorandum of understanding was signed by Carla Duarte "
        "and Tomas Berg at a ceremony in Lisbon on March 3, 2024.")
    assert set(_signatories(record)) == {"Carla Duarte", "Tomas Berg"}


def test_a_country_possessive_before_the_title_is_the_signers_country(extract_text):
    record = extract_text(
        "Agreement Signed\n\nThe agreement was signed by Canada's Minister of Trade Mary Ng "
        "and Korea’s Trade Minister Ahn Duk-geun.")
    assert _signatories(record) == {"Mary Ng": ("Minister of Trade", "", "Canada"),
                                    "Ahn Duk-geun": ("Trade Minister", "", "South Korea")}


def test_on_behalf_of_a_country_by_its_signer(extract_text):
    # (the country named before "by" is the next signer's, not the one before it)
    record = extract_text(
        "Australia and Indonesia Sign Defence Agreement\n\nThe agreement was signed on behalf of Australia by "
        "Defence Minister Tom Reed and on behalf of Indonesia by Defence Minister Budi Santoso in Canberra.")
    assert _signatories(record) == {"Tom Reed": ("Defence Minister", "", "Australia"),
                                    "Budi Santoso": ("Defence Minister", "", "Indonesia")}


def test_signing_on_behalf_of_a_country_was_its_signer(extract_text):
    record = extract_text(
        "Brazil Joins the Accords\n\nSigning the Accords on behalf of Brazil was Minister of Science "
        "Ana Ruiz, at a ceremony in Brasilia.")
    assert _signatories(record) == {"Ana Ruiz": ("Minister of Science", "", "Brazil")}


def test_putting_a_signature_to_an_instrument_is_signing_it(extract_text):
    record = extract_text(
        "Joint Press Release\n\nMinister Dana Holt and Secretary Ben Marsh put their signatures to the "
        "Memorandum of Understanding on behalf of their governments. Senator Ivo Petrak put his views "
        "on the record.")
    assert set(_signatories(record)) == {"Dana Holt", "Ben Marsh"}


@pytest.mark.parametrize("text, signers", [
    # the idiom for signing
    ("Prime Minister Ana Ruiz and Prime Minister Jon Sato today put pen to paper on a new security "
     "declaration.", {"Ana Ruiz", "Jon Sato"}),
    # signing as the means of the subjects' verb, the instrument as "it"
    ("Foreign Minister Dana Holt and her Indonesian counterpart Sari Dewi concluded the agreement by "
     "signing it in Jakarta.", {"Dana Holt", "Sari Dewi"}),
    # the signatories named as such
    ("The signatories were Secretary of State Ben Marsh and Foreign Minister Omar Idris.",
     {"Ben Marsh", "Omar Idris"}),
    # a hyphenated office with its country's possessive between two signers
    ("The Australian Ambassador to Japan, Tom Reid, and Japan's Vice-Minister for Foreign Affairs, "
     "Kenji Mori, signed the exchange of notes.", {"Tom Reid", "Kenji Mori"}),
    # the witnesses' clause opening the sentence holds no signer
    ("In the presence of Prime Minister Ana Ruiz and Prime Minister Jon Sato, Foreign Minister Dana "
     "Holt and Foreign Minister Sari Dewi signed the agreement.", {"Dana Holt", "Sari Dewi"}),
    ("Witnessed by the two Presidents, Omar Idris and Ben Marsh signed the accord.", {"Omar Idris", "Ben Marsh"}),
    # the idiom, its counterpart after "with"
    ("Dana Holt, Secretary of State for Science, put pen to paper on the partnership with Japan's "
     "Minister for Digital Transformation, Kenji Mori, in Tokyo.", {"Dana Holt", "Kenji Mori"}),
])
def test_other_ways_of_saying_who_signed(extract_text, text, signers):
    assert set(_signatories(extract_text("Agreement signed\n\n" + text))) == signers


def test_who_joined_the_signer_at_the_signing_did_not_sign(extract_text):
    record = extract_text(
        "Agreement signed\n\nMinister Dana Holt signed the agreement. Minister Holt was joined at the "
        "signing by the CEO of the Investment Council, Mr Tom Reid.")
    assert set(_signatories(record)) == {"Dana Holt"}


def test_a_signers_styles_in_capitals_are_no_part_of_the_name(extract_text):
    record = extract_text(
        "Memorandum of Understanding between the Government of Malaysia and the Government of Japan\n\n"
        "The Participants will cooperate in energy transition.\n\n"
        "SIGNED in duplicate at Kuala Lumpur on 12 May 2023 in the English language.\n\n"
        "FOR THE GOVERNMENT OF MALAYSIA\n\n"
        "DATO' SRI TENGKU ZAFRUL TENGKU ABDUL AZIZ\nMinister of International Trade and Industry\n\n"
        "FOR THE GOVERNMENT OF JAPAN\n\nKATSUHIKO TAKAHASHI\n"
        "Ambassador Extraordinary and Plenipotentiary of Japan to Malaysia")
    assert set(_signatories(record)) == {"TENGKU ZAFRUL TENGKU ABDUL AZIZ", "KATSUHIKO TAKAHASHI"}


def test_the_last_word_of_a_title_before_the_name_is_no_signer(extract_text):
    record = extract_text(
        "Agreement\n\nThe partnership was signed by Minister Ana Ruiz and Japan's Minister for Digital "
        "Transformation, Taro Kono. Earlier, the Minister for Energy Transition, Ken Sato, spoke.")
    assert set(_signatories(record)) == {"Ana Ruiz", "Taro Kono"}
    assert "Transformation" not in {p.name for p in record.people}


def test_a_signature_block_under_its_party_with_a_long_portfolio_and_a_chain_of_styles(extract_text):
    # (a name in capitals no list of given names holds, under the party it
    # signs for; a portfolio's last words are no name; styles before a name
    # of four words, "Tengku" inside it as in the father's name)
    record = extract_text(
        "MEMORANDUM OF UNDERSTANDING ON ENERGY\n\nThe Government of Malaysia and the Government of Japan "
        "(hereinafter referred to as the Participants), desiring to strengthen their cooperation in the field of "
        "energy transition, have reached the following understanding.\n\n"
        "1. The Participants will cooperate in renewable energy, energy efficiency, hydrogen and carbon capture, "
        "through exchanges of experts, joint studies and the sharing of information and best practices.\n\n"
        "2. This Memorandum will come into effect on the date of its signature and remain in effect for a "
        "period of five years, unless terminated by either Participant by written notice to the other.\n\n"
        "Signed in Kuala Lumpur on 5 May 2023 in two originals.\n\nFOR THE GOVERNMENT OF MALAYSIA\n\n"
        "FADILLAH YUSOF\nDeputy Prime Minister and Minister of Energy Transition and Public Utilities\n\n"
        "FOR THE GOVERNMENT OF JAPAN\n\nH.E. Nishimura Yasutoshi\nMinister of Economy, Trade and Industry\n\n"
        "YB Datuk Seri Utama Zafrul Tengku Abdul Aziz\nMinister of Investment, Trade and Industry\nMalaysia")
    assert {(s.name, s.title, s.country) for s in record.signatories} == {
        ("FADILLAH YUSOF", "Deputy Prime Minister and Minister of Energy Transition and Public Utilities",
         "Malaysia"),
        ("Nishimura Yasutoshi", "Minister of Economy, Trade and Industry", "Japan"),
        ("Zafrul Tengku Abdul Aziz", "Minister of Investment, Trade and Industry", "Malaysia")}


def test_the_writer_signing_with_a_named_leader_makes_the_leader_a_signer(extract_text):
    # ("Today" opens the sentence: no part of the title, nor a word that hides the name)
    record = extract_text(
        "Australia and Papua New Guinea sign defence treaty\n\nToday the Prime Minister of Papua New Guinea, "
        "the Hon Joseph Kala MP, and I signed the Mutual Defence Treaty in Port Moresby.")
    assert {s.name: s.title for s in record.signatories} == {"Joseph Kala": "Prime Minister of Papua New Guinea"}
    record = extract_text(
        "Treaty signed\n\nToday Prime Minister Joseph Kala and I signed the Mutual Defence Treaty.")
    assert {s.name: s.title for s in record.signatories} == {"Joseph Kala": "Prime Minister"}


def test_the_bylines_over_a_short_release_sign_nothing(extract_text):
    # (a joint media release names its ministers over the body: the
    # signature lines of a short text follow its last sentence)
    record = extract_text(
        "Australia and Papua New Guinea sign defence treaty\n\nJoint media release\n\n"
        "The Hon Daniel Reeve MP\nPrime Minister\n\nSenator the Hon Clare Sutton\nMinister for Foreign Affairs\n\n"
        "Today the Prime Minister of Papua New Guinea, the Hon Joseph Kala MP, signed the Mutual Defence Treaty.\n\n"
        "The Treaty reflects the deep friendship between our two countries.")
    assert [s.name for s in record.signatories] == ["Joseph Kala"]
    assert {"Daniel Reeve", "Clare Sutton"} <= {p.name for p in record.people}
    record = extract_text(
        "Statement on the situation in the region\n\nMalaysia strongly condemns the continued attacks on "
        "civilians and calls for a ceasefire.\n\nAmir Hassan\nMinister of Foreign Affairs")
    assert [s.name for s in record.signatories] == ["Amir Hassan"]


def test_two_signature_columns_under_their_parties_with_a_blank_line_between_and_styles(extract_text):
    # (a text export collapses the columns' spaces: the parties' line above
    # still counts the signers, and the styles are no name's words)
    record = extract_text(
        "JOINT DECLARATION BETWEEN MALAYSIA AND THE REPUBLIC OF INDONESIA\n\nThe Parties have agreed as "
        "follows:\n\n1. The Parties shall enhance cooperation on maritime security.\n\nDone at Jakarta on 9 "
        "January 2023 in two original texts in the English language.\n\n"
        "FOR MALAYSIA                    FOR THE REPUBLIC OF INDONESIA\n\n"
        "DATO' SERI AMIR HASSAN          BUDI SANTOSO\n"
        "PRIME MINISTER                  PRESIDENT")
    assert {s.name: (s.title, s.country) for s in record.signatories} == {
        "AMIR HASSAN": ("Prime Minister", "Malaysia"), "BUDI SANTOSO": ("President", "Indonesia")}


def test_a_signers_surname_that_is_a_titles_word(extract_text):
    record = extract_text(
        "Joint media release\n\nChile and Peru today announced a new partnership on critical minerals.\n\n"
        "The Hon Ana King MP\nMinister for Resources\n\nThe Hon Tom Reid\nMinister for Industry")
    assert _signatories(record) == {"Ana King": ("Minister for Resources", "", ""),
                                    "Tom Reid": ("Minister for Industry", "", "")}


@pytest.mark.parametrize("text, expected", [
    # (the office first, then another government's minister with their name)
    ("UK and Ghana sign new agreement to boost trade\n\nPublished 14 November 2023\n\nThe UK and Ghana have "
     "signed a new agreement, Business and Trade Secretary Kemi Badenoch announced today.\n\nThe Memorandum of "
     "Understanding was signed in London by the Business and Trade Secretary and Ghana's Minister for Trade and "
     "Industry, K.T. Hammond.",
     {"Kemi Badenoch": ("Business and Trade Secretary", "", ""),
      "K.T. Hammond": ("Minister for Trade and Industry", "", "Ghana")}),
    # (the named minister first, the office after the comma's "and")
    ("UK and Japan sign digital partnership\n\nForeign Secretary James Cleverly welcomed Japan's Minister for "
     "Foreign Affairs, Hayashi Yoshimasa, to London today.\n\nThe Digital Partnership was signed at the Foreign "
     "Office by Japan's Minister for Foreign Affairs, Hayashi Yoshimasa, and the Foreign Secretary.",
     {"James Cleverly": ("Foreign Secretary", "", ""),
      "Hayashi Yoshimasa": ("Minister for Foreign Affairs", "", "Japan")}),
    # (an office with its portfolio)
    ("Australia and India sign migration arrangement\n\nThe Minister for Home Affairs, the Hon Clare O'Neil MP, "
     "met India's Minister of External Affairs, Dr S. Jaishankar, in Canberra today.\n\nThe Arrangement was "
     "signed by the Minister for Home Affairs and India's Minister of External Affairs, Dr S. Jaishankar.",
     {"Clare O'Neil": ("Minister for Home Affairs", "", ""),
      "S. Jaishankar": ("Minister of External Affairs", "", "India")}),
])
def test_a_signings_by_phrase_pairs_an_office_named_earlier_with_a_named_minister(extract_text, text, expected):
    assert _signatories(extract_text(text)) == expected


def test_a_counterpart_set_off_before_the_title_signs_with_the_first_signer(extract_text):
    record = extract_text(
        "Malaysia and Brunei sign MoU on border security\n\n1. The Minister of Home Affairs of Malaysia, Datuk "
        "Seri Saifuddin Nasution Ismail, and his counterpart, the Minister of Home Affairs of Brunei Darussalam, "
        "Dato Seri Setia Haji Awang Ahmaddin, signed the Memorandum of Understanding on Border Security in Bandar "
        "Seri Begawan on 7 August 2023.")
    assert "Saifuddin Nasution Ismail" in _signatories(record)
    assert len(record.signatories) == 2


def test_both_ministers_signed_refers_to_the_two_named_before_a_possessive(extract_text):
    # ("thanked Foreign Minister Kamikawa for Japan's support": the name ends before "for Japan's")
    record = extract_text(
        "Secretary Blinken's Meeting with Japanese Foreign Minister Kamikawa\n\nReadout\n\nApril 10, 2024\n\n"
        "Secretary of State Antony J. Blinken met with Japanese Foreign Minister Kamikawa Yoko today in "
        "Washington, on the margins of Prime Minister Kishida Fumio's Official Visit. The Secretary and Foreign "
        "Minister Kamikawa reaffirmed the Alliance.\n\nThe Secretary and the Foreign Minister discussed "
        "trilateral cooperation.\n\nSecretary Blinken thanked Foreign Minister Kamikawa for Japan's steadfast support for "
        "Ukraine.\n\nFollowing their meeting today, both ministers signed a Memorandum of Cooperation on "
        "Development Finance.")
    assert set(_signatories(record)) == {"Antony J. Blinken", "Kamikawa Yoko"}


def test_the_occasions_clause_after_a_by_list_names_no_signer(extract_text):
    record = extract_text(
        "UK and India sign landmark trade deal\n\nPublished 24 July 2025\n\nThe agreement was signed at Chequers "
        "on Thursday 24 July 2025 by the Business and Trade Secretary, Jonathan Reynolds, and India's Minister of "
        "Commerce and Industry, Piyush Goyal, during Prime Minister Narendra Modi's visit to the UK.")
    assert set(_signatories(record)) == {"Jonathan Reynolds", "Piyush Goyal"}
    assert [p.name for p in record.people] == ["Narendra Modi"]


def test_the_two_ministers_then_signed_and_a_country_only_supported_is_none_of_theirs(extract_text):
    record = extract_text(
        "UK and Germany sign landmark defence agreement\n\nPublished 23 October 2024\n\nDefence Secretary John "
        "Healey welcomed his German counterpart, Federal Minister of Defence Boris Pistorius, to London for talks "
        "on European security and continued support for Ukraine.\n\nAfter the meeting, the two ministers then "
        "signed the Trinity House Agreement.")
    assert _signatories(record) == {"John Healey": ("Defence Secretary", "", ""),
                                    "Boris Pistorius": ("Federal Minister of Defence", "", "")}


def test_both_ministers_are_the_ministers_not_the_prime_minister_and_a_princes_office_after_the_comma(extract_text):
    record = extract_text(
        "JOINT PRESS STATEMENT ON THE OFFICIAL VISIT OF THE MINISTER OF FOREIGN AFFAIRS OF SAUDI ARABIA\n\n"
        "1. His Highness Prince Faisal bin Farhan Al Saud, Minister of Foreign Affairs of the Kingdom of Saudi "
        "Arabia, undertook an Official Visit to Malaysia at the invitation of Dato' Seri Diraja Dr. Zambry Abd "
        "Kadir, Minister of Foreign Affairs of Malaysia.\n\n2. On 7 June 2023, His Highness paid a courtesy call "
        "on the Prime Minister of Malaysia, Dato' Seri Anwar Ibrahim.\n\n3. Following the meeting, both Ministers "
        "signed the Memorandum of Understanding on Bilateral Political Consultations.")
    assert set(_signatories(record)) == {"Faisal bin Farhan Al Saud", "Zambry Abd Kadir"}
    assert _signatories(record)["Faisal bin Farhan Al Saud"][2] == "Saudi Arabia"


def test_a_by_phrase_of_offices_names_the_persons_titled_so_before(extract_text):
    record = extract_text(
        "Joint Statement between Malaysia and the Republic of Kenya\n\n1. The President was accompanied by "
        "Hon. Grace Wanjiru Kamau, Cabinet Secretary for Investments, Trade and Industry.\n\n2. The Prime "
        "Minister was joined by YB Senator Tengku Datuk Seri Tengku Arif Putra Tengku Mansor, Minister of "
        "Investment, Trade and Industry.\n\n3. The two Leaders witnessed the exchange of:\n\n(i) Memorandum "
        "of Understanding on Trade and Investment Cooperation, signed by the Minister of Investment, Trade and "
        "Industry of Malaysia and the Cabinet Secretary for Investments, Trade and Industry of Kenya;\n\n(ii) "
        "Memorandum of Understanding on Diplomatic Training, signed by the Minister of Foreign Affairs of "
        "Malaysia and the Cabinet Secretary for Foreign Affairs of Kenya.")
    # (the second pair: no person was titled so before it, so neither is read)
    assert set(_signatories(record)) == {"Grace Wanjiru Kamau", "Tengku Arif Putra Tengku Mansor"}


def test_malay_honorifics_with_a_full_stop_keep_the_signers_sentence_whole(extract_text):
    record = extract_text(
        "Malaysia and Viet Nam Exchange Instruments\n\nPUTRAJAYA, 10 JUNE 2025 - Memorandum of Understanding on "
        "Higher Education, signed by YB Dato' Ir. Dr. Siti Norhayati binti Abdul Rahman, Minister of Higher "
        "Education, and H.E. Hoang Thi Lan Anh, Deputy Minister of Education and Training of Viet Nam; and a "
        "Letter of Intent, signed by Encik Mohd Faizal bin Abdul Rahim, Chief Executive Officer of MPOC, and "
        "Mr. Joseph Mwangi Njoroge, Chief Executive of KAM.")
    assert set(_signatories(record)) == {"Siti Norhayati binti Abdul Rahman", "Hoang Thi Lan Anh",
                                         "Mohd Faizal bin Abdul Rahim", "Joseph Mwangi Njoroge"}


def test_a_signers_portfolio_runs_on_past_its_commas_to_its_country(extract_text):
    record = extract_text(
        "Joint Fact Sheet: The United States and the Republic of Korea\n\nNovember 12, 2026\n\nAlso today in "
        "Shenzhen, Park Ji-hoon, Minister of Trade, Industry and Energy of the Republic of Korea, and Jonathan R. "
        "Avery, U.S. Deputy Secretary of Energy, signed a Memorandum of Understanding on Nuclear Fuel Supply.")
    signers = _signatories(record)
    assert set(signers) == {"Park Ji-hoon", "Jonathan R. Avery"}
    assert signers["Park Ji-hoon"][0].startswith("Minister of Trade, Industry and Energy")


def test_a_then_ambassador_signs_and_a_treatys_subject_before_signed_is_no_one(extract_text):
    record = extract_text(
        "U.S.-Uruguay Extradition Treaty Enters into Force\n\nMedia Note\n\nThe Treaty was signed in Montevideo "
        "on September 10, 2021, by then-U.S. Ambassador to Uruguay Margaret L. Denholm and Uruguayan Minister of "
        "Foreign Relations Santiago Ferreira Olivera. It replaces the Treaty on Extradition and Cooperation in "
        "Penal Matters signed at Washington on April 6, 1973.")
    assert set(_signatories(record)) == {"Margaret L. Denholm", "Santiago Ferreira Olivera"}


def test_a_convening_clause_ends_the_signers_list(extract_text):
    record = extract_text(
        "Minister for Development welcomes peace agreement\n\nPublished 15 October 2025\n\nFrom: Foreign, "
        "Commonwealth & Development Office and Baroness Pennant of Rhyl\n\nCommenting on the Agreement, the "
        "Minister for Development, Baroness Pennant of Rhyl said: \"We welcome it.\"\n\nThe agreement was signed "
        "by Burundi’s Minister of Foreign Affairs, Édouard Niyonzima, and Rwanda’s Minister of Foreign Affairs, "
        "Jean-Paul Mugabo, at talks convened by the African Union High Representative, Dr Amara Kouyaté.")
    assert set(_signatories(record)) == {"Édouard Niyonzima", "Jean-Paul Mugabo"}
    assert "Baroness Pennant of Rhyl" in {p.name for p in record.people}


def test_a_joint_statements_closing_names_over_long_titles_sign_it(extract_text):
    record = extract_text(
        "UK-Estonia Strategic Dialogue 2025: joint statement\n\nForeign Secretary David Lammy welcomed Estonian "
        "Foreign Minister Kristjan Saar to London.\n\n1. We reaffirm our commitment to our alliance.\n\n2. We "
        "agree to hold the next Strategic Dialogue in Tallinn in 2026.\n\nThe Rt Hon David Lammy MP\n\n"
        "Secretary of State for Foreign, Commonwealth and Development Affairs of the United Kingdom\n\n"
        "Kristjan Saar\n\nMinister of Foreign Affairs of the Republic of Estonia\n")
    assert set(_signatories(record)) == {"David Lammy", "Kristjan Saar"}


def test_malaysian_and_thai_styles_around_signers_names(extract_text):
    record = extract_text(
        "Joint Communique of the Annual Consultation\n\n(b) Memorandum of Understanding on the Halal Industry, "
        "signed by YB Tuan Ganesan a/l Subramaniam, Minister of Investment, Trade and Industry, and H.E. Pol. "
        "Gen. Surachet Boonmee, Minister of Interior of the Kingdom of Thailand.")
    assert set(_signatories(record)) == {"Ganesan a/l Subramaniam", "Surachet Boonmee"}


def test_an_okina_inside_a_name_keeps_the_signers_chain(extract_text):
    record = extract_text(
        "Australia and Samoa sign Vaʻa Partnership\n\nPrime Minister Ben Kearsley and the Prime Minister of "
        "Samoa, Leota Fonoti Taʻase, today signed the Vaʻa Partnership.")
    assert set(_signatories(record)) == {"Ben Kearsley", "Leota Fonoti Taʻase"}


def test_a_relative_clause_ends_a_petitions_signers(extract_text):
    record = extract_text(
        "Digital duty of care becomes law\n\nMedia release\n\nIt follows a petition signed by more than "
        "130,000 Australians that was presented to the House of Representatives in August 2024 by the Member "
        "for Bass, Rebecca Lindholm.")
    assert _signatories(record) == {}


def test_a_relative_clause_set_off_by_commas_keeps_a_signers_chain(extract_text):
    record = extract_text(
        "PM meeting with Prime Minister of Norway: 3 June 2025\n\nDuring the visit, the Energy Secretary, Helen "
        "Marchant, who joined the Prime Minister for the talks, and Norway’s Minister of Energy, Terje Bakken, "
        "signed a Memorandum of Understanding on Carbon Capture and Storage.")
    assert set(_signatories(record)) == {"Helen Marchant", "Terje Bakken"}
