"""The pilot's results framework, from the programme documents in the seeds (loaded by load_reference_data).

Targets are the ones the documents state (12 hubs, 4 referral guides, at least 6 business grants and
6 community initiatives, one policy report, surveys at their sample targets); the others are left
empty for the officers to set in the admin rather than invented here.
"""

from decimal import Decimal

PEOPLE_DIMENSIONS = ["region", "hub", "sex", "age_group", "vulnerability", "month"]
PLACE_DIMENSIONS = ["region", "hub", "month"]

OUTCOMES = [
    {
        "number": 1,
        "title_ka": "პროექტის ფარგლებში შექმნილია და ფუნქციონირებს საკოორდინაციო სტრუქტურები",
        "title_en": "Coordination structures created and functional within the project",
        "outputs": [
            {
                "code": "1.1",
                "title_ka": "სამეთვალყურეო და საკონსულტაციო კომიტეტები იკრიბებიან",
                "title_en": "The Steering and Consultative Committees meet",
                "indicators": [
                    {
                        "code": "committee_meetings",
                        "name_ka": "სამეთვალყურეო და საკონსულტაციო კომიტეტების სხდომები",
                        "name_en": "Steering and Consultative Committee meetings held",
                        "definition_ka": "ჩატარებული სხდომები, რომელთა ოქმიც დამტკიცებულია.",
                        "definition_en": "Meetings held whose minutes were approved.",
                        "counts_people": False,
                        "disaggregations": ["month"],
                    },
                ],
            },
        ],
    },
    {
        "number": 2,
        "title_ka": "პილოტურ მუნიციპალიტეტებში ფუნქციონირებს საინფორმაციო, საკონსულტაციო და რეფერალური სერვისები",
        "title_en": "Information, consultation and referral services are operational in the pilot municipalities",
        "outputs": [
            {
                "code": "2.1",
                "title_ka": "ჩატარებულია შინამეურნეობების გამოკითხვა",
                "title_en": "Household surveys done",
                "indicators": [
                    {
                        "code": "survey_sample_reached",
                        "name_ka": "გამოკითხვის შერჩევის მიღწეული წილი",
                        "name_en": "Share of survey sample targets reached",
                        "definition_ka": "შეგროვებული კითხვარები, როგორც რაუნდების შერჩევის მიზნობრივი რაოდენობის ჯამის წილი.",
                        "definition_en": "Survey responses collected as a share of the rounds' sample targets added up.",
                        "unit": "percent",
                        "target": Decimal(100),
                        "counts_people": False,
                        "disaggregations": PLACE_DIMENSIONS,
                    },
                ],
            },
            {
                "code": "2.2",
                "title_ka": "შემუშავებულია რეფერალური სახელმძღვანელოები",
                "title_en": "Referral guides developed",
                "indicators": [
                    {
                        "code": "referral_guides_published",
                        "name_ka": "გამოქვეყნებული რეფერალური სახელმძღვანელოები",
                        "name_en": "Referral guides published",
                        "definition_ka": "რეგიონები, რომელთა რეფერალურ სახელმძღვანელოს ერთი გამოცემა მაინც აქვს.",
                        "definition_en": "Regions whose referral guide has at least one published edition.",
                        "target": Decimal(4),
                        "counts_people": False,
                        "disaggregations": ["region", "month"],
                    },
                ],
            },
            {
                "code": "2.3",
                "title_ka": "12 მუნიციპალიტეტში ფუნქციონირებს სერვისცენტრი",
                "title_en": "Service hubs operate in 12 municipalities",
                "indicators": [
                    {
                        "code": "hubs_operational",
                        "name_ka": "მოქმედი ჰაბები",
                        "name_en": "Hubs operational",
                        "definition_ka": "ჰაბები, რომელთა სტატუსი ამჟამად „მოქმედია“.",
                        "definition_en": "Hubs whose status is operational now.",
                        "target": Decimal(12),
                        "counts_people": False,
                        "disaggregations": ["region", "hub"],
                    },
                ],
            },
            {
                "code": "2.4",
                "title_ka": "მომზადებულია სერვისის მიმწოდებელი კადრები",
                "title_en": "Service staff trained",
                "indicators": [
                    {
                        "code": "staff_trained_tot",
                        "name_ka": "ტრენერთა ტრენინგი გავლილი პერსონალი",
                        "name_en": "Staff trained in Training of Trainers",
                        "definition_ka": "ადამიანები, ვინც ტრენერთა ტრენინგი დაასრულა (თითოეული ერთხელ).",
                        "definition_en": "People who completed a Training-of-Trainers event (each counted once).",
                        "disaggregations": ["region", "hub", "month"],
                    },
                    {
                        "code": "staff_trained_cascade",
                        "name_ka": "კასკადური სესიით მომზადებული პერსონალი",
                        "name_en": "Staff trained in cascade sessions",
                        "definition_ka": "ადამიანები, ვინც ჰაბში ჩატარებული კასკადური სესია დაასრულა (თითოეული ერთხელ).",
                        "definition_en": "People who completed a cascade session held at a hub (each counted once).",
                        "disaggregations": ["region", "hub", "month"],
                    },
                ],
            },
            {
                "code": "2.5",
                "title_ka": "მოსახლეობა ინფორმირებულია და კონსულტირებულია",
                "title_en": "People informed and counselled",
                "indicators": [
                    {
                        "code": "people_informed",
                        "name_ka": "ინფორმირებული ადამიანები",
                        "name_en": "People informed",
                        "definition_ka": "ჰაბების საინფორმაციო შეხვედრების მონაწილეები (დაბრუნებულები, პოტენციური მიგრანტები, ადგილობრივი მცხოვრებლები).",
                        "definition_en": "Participants of the hubs' information sessions (returnees, potential migrants, local residents).",
                        "disaggregations": ["region", "hub", "sex", "category", "month"],
                    },
                    {
                        "code": "people_counselled",
                        "name_ka": "კონსულტირებული ადამიანები",
                        "name_en": "People counselled",
                        "definition_ka": "ადამიანები, ვისაც ჰაბში ერთი კონსულტაცია მაინც ჩაუტარდა (თითოეული ერთხელ, პირველი კონსულტაციის თარიღით).",
                        "definition_en": "People with at least one counselling session at a hub (each counted once, on the date of their first session).",
                        "disaggregations": [*PEOPLE_DIMENSIONS, "category"],
                    },
                ],
            },
            {
                "code": "2.6",
                "title_ka": "ადამიანები მიმართულია სერვისებზე",
                "title_en": "People referred to services",
                "indicators": [
                    {
                        "code": "referrals_made",
                        "name_ka": "გაგზავნილი მიმართვები",
                        "name_en": "Referrals made",
                        "definition_ka": "სერვისის მიმწოდებელთან გაგზავნილი მიმართვები (მიუხედავად ამჟამინდელი სტატუსისა).",
                        "definition_en": "Referrals sent to a provider (whatever their status now).",
                        "disaggregations": PEOPLE_DIMENSIONS,
                    },
                    {
                        "code": "referrals_completed_share",
                        "name_ka": "შედეგით დასრულებული მიმართვების წილი",
                        "name_en": "Share of referrals completed with an outcome",
                        "definition_ka": "გაგზავნილი მიმართვებიდან დასრულებული, ჩაწერილი შედეგით.",
                        "definition_en": "Of the referrals sent, those completed with their outcome recorded.",
                        "unit": "percent",
                        "disaggregations": PEOPLE_DIMENSIONS,
                    },
                ],
            },
        ],
    },
    {
        "number": 3,
        "title_ka": "დაბრუნებულები დაბრუნების თემებში მდგრადი რეინტეგრაციის მაღალ დონეს აღწევენ",
        "title_en": "Returnees achieve higher levels of sustainable reintegration in communities of return",
        "outputs": [
            {
                "code": "3.1",
                "title_ka": "დაფინანსებულია სულ მცირე 6 ჯგუფური ბიზნეს პროექტი",
                "title_en": "At least 6 collective or community business grants",
                "indicators": [
                    {
                        "code": "business_grants_awarded",
                        "name_ka": "გაცემული ბიზნეს გრანტები",
                        "name_en": "Business grants awarded",
                        "definition_ka": "ბიზნეს გრანტები, რომელთა ხელშეკრულებაც გაფორმებულია.",
                        "definition_en": "Business grants whose agreement is signed.",
                        "target": Decimal(6),
                        "counts_people": False,
                        "disaggregations": ["region", "hub", "month"],
                    },
                    {
                        "code": "business_grants_completed",
                        "name_ka": "დასრულებული ბიზნეს გრანტები",
                        "name_en": "Business grants completed",
                        "definition_ka": "ბიზნეს გრანტები, რომელთა დასრულების ანგარიშიც წარდგენილია.",
                        "definition_en": "Business grants with their completion report.",
                        "target": Decimal(6),
                        "counts_people": False,
                        "disaggregations": ["region", "hub", "month"],
                    },
                ],
            },
            {
                "code": "3.2",
                "title_ka": "კლიენტების რეინტეგრაცია უმჯობესდება",
                "title_en": "Clients' reintegration improves",
                "indicators": [
                    {
                        "code": "reintegration_improved_share",
                        "name_ka": "კლიენტების წილი, ვისი რეინტეგრაციის ქულაც გაუმჯობესდა",
                        "name_en": "Share of clients whose reintegration scores improved",
                        "definition_ka": "ორჯერ შეფასებული კლიენტებიდან ისინი, ვისი რეინტეგრაციის მდგრადობის ქულა გაიზარდა.",
                        "definition_en": "Of the clients assessed twice, those whose reintegration sustainability score rose.",
                        "unit": "percent",
                        "disaggregations": PEOPLE_DIMENSIONS,
                    },
                ],
            },
        ],
    },
    {
        "number": 4,
        "title_ka": "დაბრუნების თემები მონაწილეობენ თემის გაძლიერებაში",
        "title_en": "Communities of return engage in participative community revitalization",
        "outputs": [
            {
                "code": "4.1",
                "title_ka": "დაფინანსებულია 6 სათემო ინიციატივა",
                "title_en": "6 community revitalization initiatives funded",
                "indicators": [
                    {
                        "code": "community_initiatives_awarded",
                        "name_ka": "დაფინანსებული სათემო ინიციატივები",
                        "name_en": "Community initiatives awarded",
                        "definition_ka": "სათემო ინიციატივები, რომლებიც კომიტეტმა დასაფინანსებლად შეარჩია.",
                        "definition_en": "Community initiatives the committee selected for funding.",
                        "target": Decimal(6),
                        "counts_people": False,
                        "disaggregations": ["region", "hub", "month"],
                    },
                    {
                        "code": "community_initiatives_completed",
                        "name_ka": "დასრულებული სათემო ინიციატივები",
                        "name_en": "Community initiatives completed",
                        "definition_ka": "ბოლომდე განხორციელებული სათემო ინიციატივები.",
                        "definition_en": "Community initiatives implemented to the end.",
                        "target": Decimal(6),
                        "counts_people": False,
                        "disaggregations": ["region", "hub", "month"],
                    },
                ],
            },
        ],
    },
    {
        "number": 5,
        "title_ka": "მიგრაცია ადგილობრივი განვითარების პოლიტიკის, პროგრამებისა და პროცესების შემადგენელი ნაწილია",
        "title_en": "Migration is a mainstream component of local development policies, programmes and processes",
        "outputs": [
            {
                "code": "5.1",
                "title_ka": "შეფასებულია პოლიტიკის დოკუმენტები და შემუშავებულია რეკომენდაციები",
                "title_en": "Policy documents assessed and recommendations developed",
                "indicators": [
                    {
                        "code": "policy_report_delivered",
                        "name_ka": "წარდგენილი პოლიტიკის ანგარიში",
                        "name_en": "Policy report delivered",
                        "definition_ka": "მთავრობისთვის წარდგენილი ანგარიში ხარვეზების ანალიზითა და რეკომენდაციებით.",
                        "definition_en": "The report with the gaps analysis and recommendations delivered to the government.",
                        "target": Decimal(1),
                        "counts_people": False,
                        "disaggregations": [],
                    },
                ],
            },
        ],
    },
]
