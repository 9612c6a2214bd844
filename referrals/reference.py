"""The directory's first entries, from the programme's seed documents (IOM Georgia's Migrant
Resource Centre page, the ministry's reintegration-programme page and the 2019-2020 programme note).

Each entry has a natural key; ``referrals.services.reference_load`` creates what is missing and
never overwrites what officers have since edited. The entries load as "not verified": the sources
date from 2017-2020, so an officer confirms each before it counts as current.
"""

MINISTRY = "moh-idp-labour"
AGENCY = "livelihoods-agency"
IOM = "iom-georgia"
MRDI = "regional-development-ministry"
RDA = "rural-development-agency"
ENTERPRISE_GEORGIA = "enterprise-georgia"

STATE_ELIGIBILITY_KA = (
    "საქართველოს მოქალაქეები ან საქართველოში სტატუსის მქონე მოქალაქეობის არმქონე პირები, რომლებიც "
    "საზღვარგარეთ იმყოფებოდნენ ერთ წელზე მეტი ვადით არალეგალურად, ან საზღვარგარეთ ჰქონდათ შეტანილი "
    "განაცხადი თავშესაფრის მიღებაზე, ან სარგებლობდნენ თავშესაფრით, და სამშობლოში დაბრუნებიდან 1 წლის "
    "განმავლობაში დარეგისტრირდნენ პროგრამაში ჩართვის მიზნით."
)
STATE_ELIGIBILITY_EN = (
    "Georgian citizens, or stateless persons with status in Georgia, who stayed abroad irregularly for more "
    "than a year, or applied for or held asylum abroad, and who register for the programme within one year "
    "of their return."
)
STATE_APPLY_KA = (
    "რეგისტრაცია პროგრამაში დაბრუნებიდან ერთი წლის განმავლობაში, თქვენი რეგიონის განმახორციელებელ "
    "ორგანიზაციასთან ან სამინისტროს სარეინტეგრაციო ხაზზე."
)
STATE_APPLY_EN = (
    "Register for the programme within one year of return, with the implementing organisation of your "
    "region or through the ministry's reintegration line."
)
STATE_DOCUMENTS_KA = "პირადობის მოწმობა ან პასპორტი; საზღვარგარეთ ყოფნისა და დაბრუნების დამადასტურებელი დოკუმენტი."
STATE_DOCUMENTS_EN = "Identity card or passport; a document showing the stay abroad and the return."

# key, type, name_ka, name_en, description_ka, description_en, website, email, phones
ORGANIZATIONS = [
    (
        MINISTRY,
        "state",
        "საქართველოს ოკუპირებული ტერიტორიებიდან დევნილთა, შრომის, ჯანმრთელობისა და სოციალური დაცვის სამინისტრო",
        "Ministry of Internally Displaced Persons from the Occupied Territories, Labour, Health and Social "
        "Affairs of Georgia",
        "სამინისტრო ახორციელებს საქართველოში დაბრუნებულ მიგრანტთა სარეინტეგრაციო დახმარების სახელმწიფო "
        "პროგრამას (2015 წლიდან) და ლტოლვილისა და ჰუმანიტარული სტატუსის მქონე პირების ინტეგრაციის პროგრამას.",
        "The ministry runs the State Programme of Reintegration Assistance to returned migrants (since 2015) "
        "and the integration programme for persons with refugee or humanitarian status.",
        "https://www.mra.gov.ge",
        "reintegration@mra.gov.ge",
        [],
    ),
    (
        AGENCY,
        "state",
        "სსიპ დევნილთა, ეკომიგრანტთა და საარსებო წყაროებით უზრუნველყოფის სააგენტო",
        "LEPL Agency for IDPs, Ecomigrants and Livelihood Provision",
        "სამინისტროს სააგენტო, 2019 წლის 1 დეკემბრიდან; მომავალში დამოუკიდებლად განახორციელებს "
        "რეინტეგრაციისა და ინტეგრაციის პროგრამებს.",
        "The ministry's agency since 1 December 2019; it is to run the reintegration and integration "
        "programmes itself in future.",
        "",
        "",
        [],
    ),
    (
        IOM,
        "international",
        "მიგრაციის საერთაშორისო ორგანიზაციის (IOM) მისია საქართველოში",
        "International Organization for Migration (IOM), Mission to Georgia",
        "IOM-ის მიგრანტთა რესურს ცენტრები თბილისში, ქუთაისში, ბათუმსა და თელავში პოტენციურ და დაბრუნებულ "
        "მიგრანტებს სთავაზობენ საინფორმაციო-საკონსულტაციო მომსახურებას.",
        "IOM's Migrant Resource Centres in Tbilisi, Kutaisi, Batumi and Telavi give information and advice to "
        "potential and returned migrants.",
        "http://iom.ge/1/contact-us",
        "iomtbilisi@iom.int",
        [],
    ),
    (
        "ngo-public-advocate",
        "ngo",
        "ა(ა)იპ საზოგადოებრივი დამცველი",
        "NNLE Public Advocate (Sazogadoebrivi Damtsveli)",
        "სახელმწიფო სარეინტეგრაციო პროგრამის განმახორციელებელი: თბილისი, ქვემო ქართლი, მცხეთა-მთიანეთი.",
        "Implements the state reintegration programme in Tbilisi, Kvemo Kartli and Mtskheta-Mtianeti.",
        "",
        "",
        [],
    ),
    (
        "ngo-tolerant",
        "ngo",
        "ა(ა)იპ სამცხე-ჯავახეთის რეგიონული ასოციაცია „ტოლერანტი“",
        "NNLE Samtskhe-Javakheti Regional Association “Tolerant”",
        "სახელმწიფო სარეინტეგრაციო პროგრამის განმახორციელებელი: სამცხე-ჯავახეთი, შიდა ქართლი.",
        "Implements the state reintegration programme in Samtskhe-Javakheti and Shida Kartli.",
        "",
        "",
        [],
    ),
    (
        "ngo-abkhazintercont",
        "ngo",
        "ა(ა)იპ ფონდი „აფხაზინტერკონტი“",
        "NNLE Foundation “Abkhazintercont”",
        "სახელმწიფო სარეინტეგრაციო პროგრამის განმახორციელებელი: იმერეთი, რაჭა-ლეჩხუმი და ქვემო სვანეთი, "
        "სამეგრელო-ზემო სვანეთი.",
        "Implements the state reintegration programme in Imereti, Racha-Lechkhumi and Kvemo Svaneti, and "
        "Samegrelo-Zemo Svaneti.",
        "",
        "",
        [],
    ),
    (
        "ngo-intellect",
        "ngo",
        "ა(ა)იპ ახალგაზრდა მეცნიერთა კავშირი „ინტელექტი“",
        "NNLE Union of Young Scientists “Intellect”",
        "სახელმწიფო სარეინტეგრაციო პროგრამის განმახორციელებელი: აჭარა, გურია.",
        "Implements the state reintegration programme in Adjara and Guria.",
        "",
        "",
        [],
    ),
    (
        "ngo-kakheti-rdf",
        "ngo",
        "ა(ა)იპ კახეთის რეგიონალური განვითარების ფონდი",
        "NNLE Kakheti Regional Development Foundation",
        "სახელმწიფო სარეინტეგრაციო პროგრამის განმახორციელებელი: კახეთი.",
        "Implements the state reintegration programme in Kakheti.",
        "",
        "",
        [],
    ),
    # Alternative funding schemes (category "funding"): where an unfunded community idea is referred.
    (
        MRDI,
        "state",
        "საქართველოს რეგიონული განვითარებისა და ინფრასტრუქტურის სამინისტრო",
        "Ministry of Regional Development and Infrastructure of Georgia",
        "სამინისტრო კოორდინაციას უწევს სოფლის მხარდაჭერის პროგრამას და რეგიონული განვითარების ფონდის პროექტებს.",
        "The ministry coordinates the Village Support Programme and the Regional Development Fund's projects.",
        "https://www.mrdi.gov.ge",
        "",
        [],
    ),
    (
        RDA,
        "state",
        "სსიპ სოფლის განვითარების სააგენტო",
        "LEPL Rural Development Agency",
        "სოფლის მეურნეობისა და სოფლის განვითარების სახელმწიფო პროგრამების განმახორციელებელი სააგენტო.",
        "The agency that runs the state's agriculture and rural development programmes.",
        "https://www.rda.gov.ge",
        "",
        [],
    ),
    (
        ENTERPRISE_GEORGIA,
        "state",
        "სსიპ მეწარმეობის განვითარების სააგენტო (აწარმოე საქართველოში)",
        "LEPL Enterprise Georgia (Produce in Georgia)",
        "მეწარმეობის ხელშეწყობის სახელმწიფო სააგენტო, მათ შორის მიკრო და მცირე გრანტები რეგიონებში.",
        "The state agency for enterprise development, including micro and small grants in the regions.",
        "https://www.enterprisegeorgia.gov.ge",
        "",
        [],
    ),
]

STATE_PROGRAM = {
    "key": "state-reintegration-programme",
    "organization": MINISTRY,
    "name_ka": "საქართველოში დაბრუნებულ მიგრანტთა სარეინტეგრაციო დახმარების სახელმწიფო პროგრამა",
    "name_en": "State Programme of Reintegration Assistance to Returned Migrants",
    "description_ka": (
        "2015 წლიდან სახელმწიფო ბიუჯეტიდან დაფინანსებული პროგრამა. სამინისტრო საგრანტო კონკურსით "
        "არჩეულ არასამთავრობო ორგანიზაციებს რეგიონული პრინციპით (6 მიმართულება: დედაქალაქი და 10 "
        "რეგიონი) გადასცემს პროგრამის განხორციელებას."
    ),
    "description_en": (
        "Funded from the state budget since 2015. The ministry awards grants by competition to NGOs that "
        "implement the programme by direction (6 directions: the capital and 10 regions)."
    ),
}

# NGO key, region codes it covers for the state programme (2019-2020 competition).
IMPLEMENTERS = [
    ("ngo-public-advocate", ["tbilisi", "kvemo-kartli", "mtskheta-mtianeti"]),
    ("ngo-tolerant", ["samtskhe-javakheti", "shida-kartli"]),
    ("ngo-abkhazintercont", ["imereti", "racha-lechkhumi", "samegrelo-zemo-svaneti"]),
    ("ngo-intellect", ["adjara", "guria"]),
    ("ngo-kakheti-rdf", ["kakheti"]),
]

# key, organization, program?, category, name_ka, name_en, description_ka, description_en,
# coverage region codes (None = national), target groups
_STATE = STATE_PROGRAM["key"]
SERVICES = [
    (
        "state-medical-diagnostics",
        MINISTRY,
        _STATE,
        "medical_care",
        "სახელმწიფო პროგრამა: სამედიცინო დიაგნოსტიკის დაფინანსება",
        "State programme: funding of medical diagnostics",
        "მწვავე, ქრონიკული, სიცოცხლისთვის საშიში დაავადების მქონე პირების საჭირო დიაგნოსტიკის უზრუნველყოფა.",
        "Diagnostics for people with acute, chronic or life-threatening illness.",
        None,
        ["returnees"],
    ),
    (
        "state-emergency-care",
        MINISTRY,
        _STATE,
        "emergency_care",
        "სახელმწიფო პროგრამა: გადაუდებელი სამედიცინო დახმარების დაფინანსება",
        "State programme: funding of emergency medical care",
        "საჭიროების შემთხვევაში, გადაუდებელი სამედიცინო დახმარების დაფინანსება.",
        "Funding of emergency medical care where needed.",
        None,
        ["returnees"],
    ),
    (
        "state-medication",
        MINISTRY,
        _STATE,
        "medication",
        "სახელმწიფო პროგრამა: მედიკამენტებით უზრუნველყოფა",
        "State programme: provision of medicines",
        "სათანადო მედიკამენტებით უზრუნველყოფა.",
        "Provision of the medicines needed.",
        None,
        ["returnees"],
    ),
    (
        "state-psychosocial-rehabilitation",
        MINISTRY,
        _STATE,
        "psychosocial_rehabilitation",
        "სახელმწიფო პროგრამა: ფსიქო-სოციალური რეაბილიტაცია",
        "State programme: psycho-social rehabilitation",
        "ფსიქო-სოციალური რეაბილიტაცია დაბრუნებული მიგრანტებისთვის.",
        "Psycho-social rehabilitation for returned migrants.",
        None,
        ["returnees"],
    ),
    (
        "state-social-projects",
        MINISTRY,
        _STATE,
        "business_support",
        "სახელმწიფო პროგრამა: სოციალური პროექტების დაფინანსება შემოსავლის წყაროსა და თვითდასაქმებისთვის",
        "State programme: social projects for income generation and self-employment",
        "შემოსავლის წყაროს გაჩენისა და თვითდასაქმების ხელშეწყობის მიზნით სოციალური პროექტების დაფინანსება.",
        "Funding of social projects that create a source of income or self-employment.",
        None,
        ["returnees"],
    ),
    (
        "state-vocational-training-referral",
        MINISTRY,
        _STATE,
        "vocational_training",
        "სახელმწიფო პროგრამა: ჩართვა სოციალური მომსახურების სააგენტოს პროფესიული მომზადება-გადამზადების პროგრამაში",
        "State programme: referral to the Social Service Agency's vocational training and retraining",
        "ბენეფიციარის ცოდნის, უნარ-ჩვევებისა და ინტერესების გათვალისწინებით პროფესიული სწავლების "
        "მიმართულებების გამოკვეთა და სსიპ სოციალური მომსახურების სააგენტოს სამუშაოს მაძიებელთა პროფესიული "
        "მომზადება-გადამზადებისა და კვალიფიკაციის ამაღლების პროგრამაში ჩართვის ხელშეწყობა.",
        "Choosing a line of vocational training from the person's skills and interests, and help to join the "
        "Social Service Agency's vocational training, retraining and upskilling programme for job seekers.",
        None,
        ["returnees"],
    ),
    (
        "state-temporary-accommodation",
        MINISTRY,
        _STATE,
        "housing",
        "სახელმწიფო პროგრამა: დროებითი საცხოვრისი დაბრუნებისთანავე (არაუმეტეს 4 ღამისა)",
        "State programme: temporary accommodation on return (up to 4 nights)",
        "საზღვარგარეთ არალეგალურად მყოფი ემიგრანტების დაბრუნებისთანავე, აეროპორტში სამინისტროს "
        "წარმომადგენლების მიერ გამოკვეთილი საჭიროების შემთხვევაში, არაუმეტეს 4 ღამით დროებითი განთავსება "
        "(თბილისის, ქვემო ქართლისა და მცხეთა-მთიანეთის მიმართულება).",
        "On return of a migrant who stayed abroad irregularly, where the ministry's staff at the airport see "
        "the need: temporary accommodation for up to 4 nights (Tbilisi, Kvemo Kartli and Mtskheta-Mtianeti "
        "direction).",
        ["tbilisi", "kvemo-kartli", "mtskheta-mtianeti"],
        ["returnees"],
    ),
    (
        "ministry-reintegration-line",
        MINISTRY,
        _STATE,
        "information",
        "სამინისტროს სარეინტეგრაციო საინფორმაციო ხაზი",
        "The ministry's reintegration information line",
        "ინფორმაცია საქართველოში დაბრუნებულ მიგრანტთა სარეინტეგრაციო დახმარების პროგრამის შესახებ. "
        "მისამართი: თამარაშვილის ქ. 15ა, 0177, თბილისი.",
        "Information on the State Programme of Reintegration Assistance. Address: 15a Tamarashvili Street, "
        "0177 Tbilisi.",
        None,
        ["returnees", "migrant_families"],
    ),
    (
        "iom-mrc-counselling",
        IOM,
        None,
        "information",
        "IOM-ის მიგრანტთა რესურს ცენტრი: ინფორმაცია და კონსულტაცია",
        "IOM Migrant Resource Centre: information and advice",
        "საინფორმაციო-საკონსულტაციო მომსახურება პოტენციური და დაბრუნებული მიგრანტებისთვის: კანონიერი "
        "მიგრაციის შესაძლებლობები, არალეგალური მიგრაციის რისკები, რეინტეგრაციის დახმარება.",
        "Information and advice for potential and returned migrants: legal migration, the risks of irregular "
        "migration, reintegration assistance.",
        None,
        ["returnees", "potential_migrants", "migrant_families"],
    ),
    (
        "iom-hotline",
        IOM,
        None,
        "information",
        "IOM-ის ცხელი ხაზი",
        "IOM hotline",
        "ცხელი ხაზი მიგრაციის საკითხებზე ინფორმაციისა და კონსულტაციისთვის.",
        "A hotline for information and advice on migration.",
        None,
        ["returnees", "potential_migrants", "migrant_families"],
    ),
    (
        "integration-centre",
        MINISTRY,
        None,
        "information",
        "ლტოლვილისა და ჰუმანიტარული სტატუსის მქონე პირების ინტეგრაციის ცენტრი",
        "Integration centre for persons with refugee or humanitarian status",
        "ქართული ენის სწავლება; ქართული კულტურის, ისტორიის, დღესასწაულებისა და ტრადიციების გაცნობა; "
        "ინფორმაცია უფლება-მოვალეობებზე, განათლებაზე, ჯანდაცვასა და სოციალურ საკითხებზე; კონსულტაცია "
        "სახელმწიფო სერვისებით სარგებლობისთვის. ცენტრს სამინისტრო არასამთავრობო ორგანიზაციის მეშვეობით "
        "მართავს.",
        "Georgian language classes; Georgian culture, history, holidays and traditions; information on rights "
        "and duties, education, health care and social matters; advice on using state services. The ministry "
        "runs the centre through an NGO.",
        ["tbilisi"],
        ["refugees"],
    ),
    (
        "livelihoods-agency-support",
        AGENCY,
        None,
        "social_assistance",
        "დევნილთა, ეკომიგრანტთა და საარსებო წყაროებით უზრუნველყოფის სააგენტო: საარსებო წყაროების პროგრამები",
        "Agency for IDPs, Ecomigrants and Livelihood Provision: livelihood programmes",
        "სააგენტოს საარსებო წყაროების პროგრამები; სამომავლოდ რეინტეგრაციისა და ინტეგრაციის პროგრამებიც.",
        "The agency's livelihood programmes; in future also the reintegration and integration programmes.",
        None,
        ["returnees", "vulnerable"],
    ),
    # Alternative funding schemes: an idea the community grant could not fund is referred to these.
    (
        "village-support-programme",
        MRDI,
        None,
        "funding",
        "სოფლის მხარდაჭერის პროგრამა",
        "Village Support Programme",
        "სახელმწიფო ბიუჯეტიდან დაფინანსებული მცირე ინფრასტრუქტურული პროექტები, რომლებსაც სოფლის მოსახლეობა "
        "საერთო კრებაზე არჩევს; განაცხადი მუნიციპალიტეტის გავლით.",
        "Small infrastructure projects funded from the state budget and chosen by the village's residents at a "
        "general meeting; applications go through the municipality.",
        None,
        ["local_residents", "returnees"],
    ),
    (
        "rda-cofinancing",
        RDA,
        None,
        "funding",
        "სოფლის განვითარების სააგენტო: სოფლის მეურნეობისა და სოფლის განვითარების თანადაფინანსება",
        "Rural Development Agency: co-financing for agriculture and rural development",
        "სოფლის მეურნეობისა და სოფლად მცირე საწარმოების პროექტების თანადაფინანსება სახელმწიფო პროგრამებით.",
        "Co-financing of agricultural and small rural enterprise projects through state programmes.",
        None,
        ["local_residents", "returnees"],
    ),
    (
        "enterprise-georgia-micro-grants",
        ENTERPRISE_GEORGIA,
        None,
        "funding",
        "აწარმოე საქართველოში: მიკრო და მცირე მეწარმეობის გრანტები",
        "Produce in Georgia: micro and small business grants",
        "მიკრო და მცირე მეწარმეობის გრანტები რეგიონებში; სოციალური და თემის საწარმოებისთვისაც.",
        "Micro and small enterprise grants in the regions; also for social and community enterprises.",
        None,
        ["local_residents", "returnees", "potential_migrants"],
    ),
]

# service key -> phones (number, description_ka, description_en)
SERVICE_PHONES = {
    "ministry-reintegration-line": [
        ("+995 32 243 11 00", "სარეინტეგრაციო ხაზი", "Reintegration line"),
        ("+995 32 231 13 37", "სარეინტეგრაციო ხაზი", "Reintegration line"),
    ],
    "iom-hotline": [("+995 32 291 34 61", "IOM-ის ცხელი ხაზი", "IOM hotline")],
}

# key, organization, name_ka, name_en, address_ka, address_en, municipality code, phone, services
LOCATIONS = [
    (
        "mrc-tbilisi",
        IOM,
        "IOM-ის თბილისის ოფისი",
        "IOM Tbilisi office",
        "თენგიზ აბულაძის 1-ლი ჩიხი #12, თბილისი",
        "12, 1st dead end of Tengiz Abuladze Street, Tbilisi",
        "mtatsminda",
        "+995 32 225 22 16",
        ["iom-mrc-counselling"],
    ),
    (
        "mrc-batumi",
        IOM,
        "IOM-ის მიგრანტთა რესურს ცენტრი ბათუმში",
        "IOM Migrant Resource Centre, Batumi",
        "ფარნავაზ მეფის ქ. #63, ბათუმი",
        "63 King Parnavaz Street, Batumi",
        "batumi",
        "+995 422 22 88 83",
        ["iom-mrc-counselling"],
    ),
    (
        "mrc-kutaisi",
        IOM,
        "IOM-ის მიგრანტთა რესურს ცენტრი ქუთაისში",
        "IOM Migrant Resource Centre, Kutaisi",
        "აკაკი წერეთლის ქ. #63, ქუთაისი",
        "63 Akaki Tsereteli Street, Kutaisi",
        "kutaisi",
        "+995 431 24 44 43",
        ["iom-mrc-counselling"],
    ),
    (
        "mrc-telavi",
        IOM,
        "IOM-ის მიგრანტთა რესურს ცენტრი თელავში",
        "IOM Migrant Resource Centre, Telavi",
        "ერეკლე მეორის ქ. #8, თელავი",
        "8 Erekle II Street, Telavi",
        "telavi",
        "+995 350 27 08 72",
        ["iom-mrc-counselling"],
    ),
    (
        "ministry-office",
        MINISTRY,
        "სამინისტროს მიგრაციისა და რეპატრიაციის სამმართველო",
        "The ministry's migration and repatriation division",
        "თამარაშვილის ქ. 15ა, 0177, თბილისი",
        "15a Tamarashvili Street, 0177 Tbilisi",
        "vake",
        "",
        ["ministry-reintegration-line"],
    ),
    (
        "integration-centre-libani",
        MINISTRY,
        "ინტეგრაციის ცენტრი",
        "Integration centre",
        "ლიბანის ქუჩა, თბილისი",
        "Libani Street, Tbilisi",
        None,
        "",
        ["integration-centre"],
    ),
]
