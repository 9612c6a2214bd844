"""Reference geography of Georgia and the 12 pilot hubs, loaded by ``load_reference_data``.

Regions and municipalities under Georgian jurisdiction (the occupied territories are left out),
Tbilisi's ten districts included. Pilot hubs: Kakheti 4, Imereti 4, Guria 2, Tbilisi 2. The
programme documents name Telavi, Akhmeta, Kvareli, Kharagauli and Samgori; the other seven are a
plausible choice in the same regions, loaded with ``is_provisional=True`` so officers confirm them.
"""

# (code, name_ka, name_en, is_target, [(code, name_ka, name_en, kind)])
REGIONS = [
    (
        "tbilisi",
        "თბილისი",
        "Tbilisi",
        True,
        [
            ("mtatsminda", "მთაწმინდა", "Mtatsminda", "district"),
            ("vake", "ვაკე", "Vake", "district"),
            ("saburtalo", "საბურთალო", "Saburtalo", "district"),
            ("krtsanisi", "კრწანისი", "Krtsanisi", "district"),
            ("isani", "ისანი", "Isani", "district"),
            ("samgori", "სამგორი", "Samgori", "district"),
            ("chughureti", "ჩუღურეთი", "Chughureti", "district"),
            ("didube", "დიდუბე", "Didube", "district"),
            ("nadzaladevi", "ნაძალადევი", "Nadzaladevi", "district"),
            ("gldani", "გლდანი", "Gldani", "district"),
        ],
    ),
    (
        "kakheti",
        "კახეთი",
        "Kakheti",
        True,
        [
            ("telavi", "თელავი", "Telavi", "municipality"),
            ("akhmeta", "ახმეტა", "Akhmeta", "municipality"),
            ("gurjaani", "გურჯაანი", "Gurjaani", "municipality"),
            ("dedoplistskaro", "დედოფლისწყარო", "Dedoplistskaro", "municipality"),
            ("lagodekhi", "ლაგოდეხი", "Lagodekhi", "municipality"),
            ("sagarejo", "საგარეჯო", "Sagarejo", "municipality"),
            ("sighnaghi", "სიღნაღი", "Sighnaghi", "municipality"),
            ("kvareli", "ყვარელი", "Kvareli", "municipality"),
        ],
    ),
    (
        "imereti",
        "იმერეთი",
        "Imereti",
        True,
        [
            ("kutaisi", "ქუთაისი", "Kutaisi", "city"),
            ("baghdati", "ბაღდათი", "Baghdati", "municipality"),
            ("vani", "ვანი", "Vani", "municipality"),
            ("zestaponi", "ზესტაფონი", "Zestaponi", "municipality"),
            ("terjola", "თერჯოლა", "Terjola", "municipality"),
            ("samtredia", "სამტრედია", "Samtredia", "municipality"),
            ("sachkhere", "საჩხერე", "Sachkhere", "municipality"),
            ("tkibuli", "ტყიბული", "Tkibuli", "municipality"),
            ("tskaltubo", "წყალტუბო", "Tskaltubo", "municipality"),
            ("chiatura", "ჭიათურა", "Chiatura", "municipality"),
            ("kharagauli", "ხარაგაული", "Kharagauli", "municipality"),
            ("khoni", "ხონი", "Khoni", "municipality"),
        ],
    ),
    (
        "guria",
        "გურია",
        "Guria",
        True,
        [
            ("ozurgeti", "ოზურგეთი", "Ozurgeti", "municipality"),
            ("lanchkhuti", "ლანჩხუთი", "Lanchkhuti", "municipality"),
            ("chokhatauri", "ჩოხატაური", "Chokhatauri", "municipality"),
        ],
    ),
    (
        "adjara",
        "აჭარის ავტონომიური რესპუბლიკა",
        "Autonomous Republic of Adjara",
        False,
        [
            ("batumi", "ბათუმი", "Batumi", "city"),
            ("keda", "ქედა", "Keda", "municipality"),
            ("kobuleti", "ქობულეთი", "Kobuleti", "municipality"),
            ("shuakhevi", "შუახევი", "Shuakhevi", "municipality"),
            ("khelvachauri", "ხელვაჩაური", "Khelvachauri", "municipality"),
            ("khulo", "ხულო", "Khulo", "municipality"),
        ],
    ),
    (
        "kvemo-kartli",
        "ქვემო ქართლი",
        "Kvemo Kartli",
        False,
        [
            ("rustavi", "რუსთავი", "Rustavi", "city"),
            ("bolnisi", "ბოლნისი", "Bolnisi", "municipality"),
            ("gardabani", "გარდაბანი", "Gardabani", "municipality"),
            ("dmanisi", "დმანისი", "Dmanisi", "municipality"),
            ("marneuli", "მარნეული", "Marneuli", "municipality"),
            ("tetritskaro", "თეთრიწყარო", "Tetritskaro", "municipality"),
            ("tsalka", "წალკა", "Tsalka", "municipality"),
        ],
    ),
    (
        "mtskheta-mtianeti",
        "მცხეთა-მთიანეთი",
        "Mtskheta-Mtianeti",
        False,
        [
            ("mtskheta", "მცხეთა", "Mtskheta", "municipality"),
            ("dusheti", "დუშეთი", "Dusheti", "municipality"),
            ("tianeti", "თიანეთი", "Tianeti", "municipality"),
            ("kazbegi", "ყაზბეგი", "Kazbegi", "municipality"),
        ],
    ),
    (
        "racha-lechkhumi",
        "რაჭა-ლეჩხუმი და ქვემო სვანეთი",
        "Racha-Lechkhumi and Kvemo Svaneti",
        False,
        [
            ("ambrolauri", "ამბროლაური", "Ambrolauri", "municipality"),
            ("oni", "ონი", "Oni", "municipality"),
            ("tsageri", "ცაგერი", "Tsageri", "municipality"),
            ("lentekhi", "ლენტეხი", "Lentekhi", "municipality"),
        ],
    ),
    (
        "samegrelo-zemo-svaneti",
        "სამეგრელო-ზემო სვანეთი",
        "Samegrelo-Zemo Svaneti",
        False,
        [
            ("zugdidi", "ზუგდიდი", "Zugdidi", "municipality"),
            ("poti", "ფოთი", "Poti", "city"),
            ("abasha", "აბაშა", "Abasha", "municipality"),
            ("martvili", "მარტვილი", "Martvili", "municipality"),
            ("mestia", "მესტია", "Mestia", "municipality"),
            ("senaki", "სენაკი", "Senaki", "municipality"),
            ("chkhorotsku", "ჩხოროწყუ", "Chkhorotsku", "municipality"),
            ("tsalenjikha", "წალენჯიხა", "Tsalenjikha", "municipality"),
            ("khobi", "ხობი", "Khobi", "municipality"),
        ],
    ),
    (
        "samtskhe-javakheti",
        "სამცხე-ჯავახეთი",
        "Samtskhe-Javakheti",
        False,
        [
            ("akhaltsikhe", "ახალციხე", "Akhaltsikhe", "municipality"),
            ("adigeni", "ადიგენი", "Adigeni", "municipality"),
            ("aspindza", "ასპინძა", "Aspindza", "municipality"),
            ("akhalkalaki", "ახალქალაქი", "Akhalkalaki", "municipality"),
            ("borjomi", "ბორჯომი", "Borjomi", "municipality"),
            ("ninotsminda", "ნინოწმინდა", "Ninotsminda", "municipality"),
        ],
    ),
    (
        "shida-kartli",
        "შიდა ქართლი",
        "Shida Kartli",
        False,
        [
            ("gori", "გორი", "Gori", "municipality"),
            ("kaspi", "კასპი", "Kaspi", "municipality"),
            ("kareli", "ქარელი", "Kareli", "municipality"),
            ("khashuri", "ხაშური", "Khashuri", "municipality"),
        ],
    ),
]

# (hub code, municipality code, genitive name in Georgian, provisional)
HUBS = [
    ("TEL", "telavi", "თელავის", False),
    ("AKH", "akhmeta", "ახმეტის", False),
    ("KVA", "kvareli", "ყვარლის", False),
    ("GRJ", "gurjaani", "გურჯაანის", True),
    ("KHR", "kharagauli", "ხარაგაულის", False),
    ("ZES", "zestaponi", "ზესტაფონის", True),
    ("TER", "terjola", "თერჯოლის", True),
    ("SAC", "sachkhere", "საჩხერის", True),
    ("OZU", "ozurgeti", "ოზურგეთის", True),
    ("LAN", "lanchkhuti", "ლანჩხუთის", True),
    ("SAM", "samgori", "სამგორის", False),
    ("GLD", "gldani", "გლდანის", True),
]

# The managed lists' starter entries: (code, name_ka, name_en). Officers add more in the admin.
TRAINING_TOPICS = [
    ("counselling", "კონსულტირების ტექნიკები", "Counselling techniques"),
    ("referral", "გადამისამართება", "Referral"),
    ("psychosocial-first-aid", "ფსიქოსოციალური პირველი დახმარება", "Psychosocial first aid"),
    ("working-with-returnees", "დაბრუნებულ მიგრანტებთან მუშაობა", "Working with returnees"),
    ("business-basics", "ბიზნესის საფუძვლები", "Business basics"),
    ("data-protection", "პერსონალურ მონაცემთა დაცვა", "Data protection"),
]

INFO_SESSION_TOPICS = [
    ("legal-labour-migration", "ლეგალური შრომითი მიგრაცია", "Legal labour migration"),
    ("irregular-migration-risks", "არალეგალური მიგრაციის რისკები", "Risks of irregular migration"),
    ("reintegration-assistance", "რეინტეგრაციის ხელმისაწვდომი დახმარება", "Reintegration assistance available"),
    ("available-services", "ადგილობრივად ხელმისაწვდომი სერვისები", "Services available locally"),
]
