"""The engine's lexicon: every word list, and the one acronym rule, defined once.

General knowledge of English and of news writing (titles, organisation and
publication words, places), written for this project. Each list is one string,
entries separated by "|", so multi-word names read naturally; the lower-case word
sets at the end are derived from them for the finders that compare lowered tokens.
"""

from functools import lru_cache


@lru_cache(maxsize=65536)
def is_acronym(name: str) -> bool:
    """At least two letters, all capitals ("US", "CMSA", "ICUBE-Q", "U.S.")."""
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _entries(text: str) -> frozenset[str]:
    return frozenset(e.strip() for e in text.split("|") if e.strip())


# Countries and territories, capitals and the largest cities, states and provinces,
# regions: general knowledge only. A smaller town is told a place by its context
# ("in X", "X-based", a dateline), see suggest.candidates.
COUNTRIES = _entries("""
Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|
Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|
Bolivia|Bosnia|Bosnia and Herzegovina|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|
Burundi|Cambodia|Cameroon|Canada|Cape Verde|Chad|Chile|China|Colombia|Comoros|Congo|
Costa Rica|Croatia|Cuba|Cyprus|Czechia|Czech Republic|Denmark|Djibouti|Dominica|
Dominican Republic|East Timor|Ecuador|Egypt|El Salvador|Eritrea|Estonia|Eswatini|
Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Grenada|
Guatemala|Guinea|Guyana|Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|
Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|Kosovo|
Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|
Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Mauritania|Mauritius|Mexico|
Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Burma|Namibia|Nauru|Nepal|
Netherlands|New Zealand|Nicaragua|Niger|Nigeria|North Korea|North Macedonia|Norway|Oman|
Pakistan|Palau|Palestine|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|
Portugal|Qatar|Romania|Russia|Rwanda|Samoa|San Marino|Saudi Arabia|Senegal|Serbia|
Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|Somalia|South Africa|South Korea|
South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|
Tanzania|Thailand|Togo|Tonga|Trinidad and Tobago|Tunisia|Turkey|Turkiye|Turkmenistan|
Tuvalu|Uganda|Ukraine|United Arab Emirates|United Kingdom|United States|
United States of America|America|Uruguay|Uzbekistan|Vanuatu|Vatican|Venezuela|Vietnam|
Yemen|Zambia|Zimbabwe|Britain|Great Britain|England|Scotland|Wales|Northern Ireland|
Hong Kong|Macau|Greenland|Puerto Rico|Tibet|Xinjiang|Kashmir|Gaza|West Bank|Crimea|
Donbas|Korea|Holland|French Guiana|French Polynesia|British Columbia|
British Virgin Islands|Dutch Caribbean|Indian Ocean|Arabian Sea|South Africa
""")

CITIES = _entries("""
Abu Dhabi|Abuja|Accra|Addis Ababa|Ahmedabad|Algiers|Almaty|Amman|Amsterdam|Ankara|
Athens|Atlanta|Auckland|Baghdad|Baku|Bali|Bangalore|Bengaluru|Bangkok|Barcelona|Basra|
Beijing|Beirut|Belgrade|Berlin|Bern|Bogota|Boston|Brasilia|Bratislava|Brisbane|Brussels|
Bucharest|Budapest|Buenos Aires|Busan|Cairo|Calcutta|Kolkata|Canberra|Cape Town|Caracas|
Casablanca|Chennai|Chicago|Chongqing|Colombo|Copenhagen|Dakar|Dallas|Damascus|Dhaka|
Delhi|New Delhi|Doha|Dubai|Dublin|Durban|Edinburgh|Frankfurt|Geneva|Guangzhou|Hanoi|
Harare|Havana|Helsinki|Hiroshima|Ho Chi Minh City|Houston|Hyderabad|Islamabad|Istanbul|
Jakarta|Jeddah|Jerusalem|Johannesburg|Kabul|Kampala|Karachi|Kathmandu|Khartoum|Kharkiv|
Kyiv|Kiev|Kigali|Kinshasa|Kuala Lumpur|Kyoto|Lagos|Lahore|Las Vegas|Lima|Lisbon|
Liverpool|London|Los Angeles|Luanda|Lyon|Madrid|Manchester|Manila|Marseille|Mecca|
Melbourne|Mexico City|Miami|Milan|Minsk|Mogadishu|Montreal|Moscow|Mumbai|Bombay|Munich|
Muscat|Nairobi|Naples|New York|New York City|Nice|Odesa|Odessa|Osaka|Oslo|Ottawa|
Paris|Perth|Peshawar|Philadelphia|Phnom Penh|Prague|Pretoria|Pyongyang|Quetta|Quito|
Rabat|Rawalpindi|Reykjavik|Riga|Rio de Janeiro|Riyadh|Rome|Rotterdam|San Francisco|
Santiago|Sao Paulo|Sarajevo|Seattle|Seoul|Shanghai|Shenzhen|Singapore|Sofia|Stockholm|
Sydney|Taipei|Tallinn|Tashkent|Tbilisi|Tehran|Tel Aviv|Tianjin|Tokyo|Toronto|Tripoli|
Tunis|Vancouver|Venice|Vienna|Vilnius|Warsaw|Washington|Wellington|Wuhan|Xian|Yangon|
Yerevan|Zagreb|Zurich|Port Moresby|Port-au-Prince|Port Louis|Belfast|Cardiff|Glasgow|
Birmingham|
Hainan|Kerala|Punjab|Sindh|Balochistan|Bengal|Gujarat|Maharashtra|Tamil Nadu|Bavaria|
Quebec|
Ontario|Siberia|Kabul|Gilgit|Karakoram|Sichuan|Guangdong|Yunnan|Lhasa|Okinawa|
""")

US_STATES = _entries("""
Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|
Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|
Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|
New Hampshire|New Jersey|New Mexico|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|
Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|
Virginia|West Virginia|Wisconsin|Wyoming|Washington DC|Washington D.C.
""")

REGIONS = _entries("""
Africa|Asia|Europe|North America|South America|Latin America|Antarctica|Arctic|Oceania|
Middle East|Gulf|Persian Gulf|Balkans|Caribbean|Scandinavia|Sahara|Sahel|Himalayas|
Alps|Mediterranean|Pacific|Atlantic|Indian Ocean|Pacific Ocean|Atlantic Ocean|
Black Sea|Red Sea|South China Sea|Baltic|Caucasus|Central Asia|South Asia|
Southeast Asia|East Asia|West Africa|East Africa|Horn of Africa|Amazon|Nile|Ganges|
Indus|Yangtze|Moon|Mars|Venus|Mercury|Jupiter|Saturn|Earth|Sun|Milky Way
""")

# Acronyms that are not names of anything one would tag.
COMMON_ACRONYMS = frozenset(
    "GDP GNP CEO CFO COO CTO TV AM PM OK ID AI DNA RNA HIV AIDS PDF FAQ USD GMT UTC "
    "PR HR IT IQ VIP ATM SUV LGBT LGBTQ PhD MP MPs MLA IPO VAT CCTV GPS SMS URL CO2 "
    "COVID UFO OBE MBE KM KG AD BC BCE CE FM UHF VHF LED LCD".split()
)
# Plural party names that stand before a person's name ("Republicans Susan Collins").
PARTY_PLURALS = frozenset(
    "Republicans Democrats Conservatives Tories Socialists Communists".split()
)

# A party member's label before a name ("Democrat Jane Roe"): not part of it.
PARTY_MEMBERS = frozenset(
    "Democrat Republican Conservative Tory Socialist Communist Liberal".split()
)

# Nouns that take a number without making a name: "Category 3", "Article 370".
NUMBERED_NOUNS = frozenset(
    "Category Level Phase Stage Grade Article Section Chapter Page Room Gate Terminal "
    "Platform Round Game Week Day Part Number No No. Vol Volume Item Rule Clause "
    "Schedule Form Class Group Step Table Figure Appendix Annex Act Tier Zone".split()
)

# Prefixes of ships' names ("MV Northern Star", "HMS Victory").
SHIP_PREFIXES = frozenset("MV MS MT SS RMS HMS USS INS PNS HMAS HMCS USNS".split())

PLACE_ACRONYMS = frozenset({"US", "USA", "UK", "UAE", "U.S.", "U.K.", "PRC", "DRC"})

PLACES = COUNTRIES | CITIES | US_STATES | REGIONS
# Places that are also given names ("Jordan Peterson"): no organisation guess from them.
GIVEN_NAME_PLACES = frozenset(
    "Jordan Chad Georgia Washington Victoria Florence Lima Paris Sydney Austin "
    "Dakota Virginia Carolina Adelaide Chelsea Israel Kent Lincoln Houston".split()
)

DEMONYMS = _entries("""
Afghan|African|Albanian|Algerian|American|Arab|Arabian|Argentine|Argentinian|Armenian|
Asian|Australian|Austrian|Azerbaijani|Bangladeshi|Belarusian|Belgian|Bolivian|
Brazilian|British|Bulgarian|Burmese|Cambodian|Canadian|Chilean|Chinese|Colombian|
Congolese|Croatian|Cuban|Czech|Danish|Dutch|Egyptian|Emirati|English|Eritrean|
Estonian|Ethiopian|European|Filipino|Finnish|French|Georgian|German|Ghanaian|Greek|
Haitian|Hungarian|Icelandic|Indian|Indonesian|Iranian|Iraqi|Irish|Israeli|Italian|
Ivorian|Jamaican|Japanese|Jordanian|Kazakh|Kenyan|Korean|Kurdish|Kuwaiti|Latvian|
Lebanese|Libyan|Lithuanian|Malaysian|Malian|Mexican|Mongolian|Moroccan|Nepali|
Nepalese|Nigerian|Norwegian|Omani|Pakistani|Palestinian|Persian|Peruvian|Polish|
Portuguese|Qatari|Romanian|Russian|Rwandan|Saudi|Scottish|Senegalese|Serbian|
Singaporean|Slovak|Somali|Spanish|Sri Lankan|Sudanese|Swedish|Swiss|Syrian|Taiwanese|
Thai|Tibetan|Tunisian|Turkish|Ugandan|Ukrainian|Uzbek|Venezuelan|Vietnamese|Welsh|
Yemeni|Zambian|Zimbabwean|Western|Eastern|Northern|Southern|Soviet|Asian|Latino|
Muslim|Christian|Hindu|Sikh|Buddhist|Jewish|Catholic|Protestant|Sunni|Shia|Shiite|
Islamic|Baloch|Pashtun|Punjabi|Sindhi|Uyghur|Uighur|Han|Tamil|Bengali|Hispanic|
Republican|Democrat|Democratic|Conservative|Labour|Liberal|Communist|Socialist|
Houthi|Beltway
""")
# The last few behave as adjectives or metonyms often enough that a lone one is not
# worth suggesting; inside a longer name they stay ("Democratic Party").

TITLES = _entries("""
President|Vice President|Prime Minister|Premier|Minister|Chancellor|Secretary|
Senator|Sen.|Sen|Representative|Rep.|Congressman|Congresswoman|Governor|Gov.|Mayor|
King|Queen|Prince|Princess|Emperor|Pope|Sheikh|Emir|Sultan|Crown Prince|General|Gen.|
Colonel|Col.|Captain|Capt.|Lieutenant|Lt.|Major|Maj.|Admiral|Adm.|Commander|Marshal|
Sergeant|Sgt.|Officer|Inspector|Superintendent|Commissioner|Chief|Justice|Judge|
Ambassador|Envoy|Director|Chairman|Chairwoman|Chairperson|Chair|Spokesperson|
Spokesman|Spokeswoman|Speaker|Deputy|Mufti|Imam|Rabbi|Cardinal|Bishop|Archbishop|
Father|Pastor|Reverend|Rev.|Coach|Striker|Goalkeeper|Defender|Midfielder|Captain|
Astronaut|Taikonaut|Cosmonaut|Professor|Prof.|Prof|Dr|Dr.|Mr|Mr.|Mrs|Mrs.|Ms|Ms.|
Miss|Sir|Dame|Lord|Lady|Baroness|Baron|Auditor|Attorney|Chief Executive|Executive|
Founder|Leader|Head|Economist|Analyst|Lawyer|Editor|Correspondent|Dean|Rector|
Principal|Councillor|Councilor|Alderman|Magistrate|Prosecutor|Warden|Field Marshal|
Administrator|Secretary-General|Director-General|Director General|President-elect|
Manager|Officer|Superintendent|Sheriff|Constable|Trooper|Nurse|Doctor|Senator-elect|
Adviser|Advisor|Assistant|Managing Director|Coordinator|Scientist|Researcher|Rep|Rev|
Batsman|Bowler|Winger
""")

# Short forms of titles, as a story names someone already introduced ("the PM said")
# -> the title's first word, as the titled person was introduced with it.
ROLE_SHORT_FORMS = {"pm": "prime", "cm": "chief", "skipper": "captain"}

# Titles of one office: a judge of a higher court is styled "Justice Jane Roe".
SAME_OFFICE = {"judge": {"justice"}, "justice": {"judge"}}

# Titles written as acronyms ("the Labour MP", "CEO Jane Roe"). Kept apart from
# TITLES: an acronym in a capitalised run is otherwise a name of its own.
ACRONYM_TITLES = frozenset({"MP", "MPs", "CEO", "CFO", "COO", "CTO"})

# Title words that are also common surnames ("John Major", "Carole King").
SURNAME_TITLES = frozenset(
    "Major King Bishop Judge Dean Chancellor Marshal Sheriff Father Chief Head "
    "Leader Captain Pope Prince Lord Knight Admiral Cardinal Sultan Emir Sheikh".split()
)

HONORIFICS = _entries("Mr|Mr.|Mrs|Mrs.|Ms|Ms.|Miss|Dr|Dr.|Prof|Prof.|Sir|Dame|Mx")

# Words that may stand before a title ("Pakistani Prime Minister", "Finance Minister").
TITLE_MODIFIERS = _entries("""
Prime|Vice|Deputy|Acting|Former|Ex|Interim|Chief|Senior|Junior|Federal|Foreign|
Finance|Defence|Defense|Interior|Home|Health|Education|Energy|Trade|Commerce|
Information|Planning|Railways|Transport|Justice|Labour|Labor|Science|Technology|
Agriculture|Water|Climate|Environment|Economy|Economic|Culture|Sports|Tourism|Housing|
Industry|Mines|Petroleum|Power|Communications|State|Provincial|Regional|National|
Supreme|Opposition|Party|Army|Air|Naval|Navy|Police|Security|Intelligence|Executive|
General|Managing|Communications|Press|Cabinet|Minority|Majority|Parliamentary|
External|Affairs|Overseas|Human|Rights|Public|Local|Treasury|Culture|Digital|Media|
Caretaker|Outgoing|Incoming|District|Circuit|Appeals|High|County|City|
Magistrate|Bankruptcy|Family|Crown|Assistant|Associate|Principal|Mission|Flight|Station|Head
""")

ORG_WORDS = _entries("""
Agency|Commission|Ministry|House|Museum|Gallery|Library|Zoo|Theatre|
Theater|Refinery|Mill|Mine|Plant|Works|Factory|Rail|Railway|Transit|Metro|Post Office|
PT|Tbk|SA|AG|GmbH|NV|BV|ASA|Oyj|SpA|Pty|Bhd|
KK|PLC|LLP|Centers|Centres|Institutes|
Universities|Departments|Councils|Electronics|Exchange|Markets|Council|University|Institute|Institution|Corporation|Corp|
Corp.|Inc|Inc.|Ltd|Ltd.|LLC|PLC|plc|Co.|Party|Bank|Court|Department|Office|Authority|
Committee|Association|Organisation|Organization|Foundation|Company|Group|Federation|
Union|Assembly|Parliament|Senate|Congress|Board|Bureau|Administration|Academy|College|
School|Army|Navy|Force|Forces|Police|Service|Services|Centre|Center|League|Society|
Fund|Trust|Alliance|Front|Movement|Club|Industries|Holdings|Technologies|Systems|
Airlines|Airways|Motors|Labs|Laboratory|Laboratories|Secretariat|Cabinet|Directorate|
Corps|Guard|Command|Tribunal|Chamber|Exchange|Observatory|Hospital|Clinic|Church|
Mission|Programme|Program|Network|Partners|Capital|Energy|Pharmaceuticals|Railways|
Shipping|Port|Initiative|Coalition|Consortium|Cooperative|Brigade|Regiment|
Battalion|Division|Unit|Team|FC|United|City|Rovers|Athletic|Confederation|Syndicate|
Conservancy|Charity|Cooperation|Research|Studies|Sciences|Affairs|Commerce|Health|
Telecom|Communications|Media|Aerospace|Dynamics|Robotics|Oil|Gas|Democrats|
Republicans|Conservatives|Greens|Ferries|Lines|Logistics|Electric|Pharma|Foods|
Brands|Partners|Ventures|Solutions|Studios|Records|Entertainment|Insurance|Securities|
Ministries|Agencies|Council|Commissions|Nations|
International|Worldwide|Global|Government|Mining|Power|Retail|Steel|Stores|
Utilities|Water
""")
# Words that make a name an organisation only alongside a stronger cue (e.g. "United",
# "City", "Space") are listed above too; kinds are decided in a fixed order, see
# suggest.candidates.

PUBLICATION_WORDS = _entries("""
Times|Post|Herald|Daily|Tribune|Journal|Gazette|Telegraph|Guardian|Chronicle|Express|
News|Press|Agence|Reuters|Xinhua|Bloomberg|Observer|Independent|Mail|Mirror|Sun|Star|
Standard|Review|Dispatch|Courier|Inquirer|Bulletin|Record|Monitor|Examiner|Sentinel|
Register|Globe|Today|Ledger|Clarion|Courant|Gazette|Mercury|Argus|Bugle|Pioneer|
Times-Picayune|Informer|Messenger|Advertiser|Enquirer|Recorder|Weekly|Magazine|Economist|Wire|Newswire|Broadcasting|Radio|
Television|TV|Channel|Sports|Kyodo|Yonhap|Interfax|Anadolu|Bernama|Antara|Dawn|Nation|
Tass|TASS|Al Jazeera|Nature|Lancet|Forbes|Politico|Axios|Wired|Newsweek|Vox|
Semafor|Associated Press|Agence France-Presse|Press Trust of India
""")

# Bodies well known enough to be named with no keyword; a short list, not a registry.
KNOWN_ORGANIZATIONS = _entries("""
Airbus|Boeing|Apple|Google|Alphabet|Microsoft|Amazon|Meta|Facebook|Instagram|
WhatsApp|Twitter|TikTok|ByteDance|Tesla|SpaceX|Blue Origin|Samsung|Huawei|Xiaomi|
Alibaba|Tencent|Baidu|Sony|Toyota|Honda|Nissan|Volkswagen|BMW|Mercedes-Benz|Renault|
Peugeot|Stellantis|Ford|Siemens|Nokia|Ericsson|Intel|Nvidia|Oracle|IBM|Netflix|
Disney|Uber|Shell|Chevron|Aramco|Gazprom|Rosneft|Roscosmos|Interpol|Europol|Hamas|
Hezbollah|Taliban|Nato|Opec|Unicef|Unesco|Oxfam|Greenpeace|FIFA|Fifa|Pfizer|Moderna|
AstraZeneca|Novartis|Walmart|Starbucks|McDonald's|Visa|Mastercard|PayPal|OpenAI|
Nasdaq|NYSE|Anthropic|Lockheed Martin|Raytheon|Northrop Grumman|Wikipedia|YouTube|
Spotify|Porsche|Audi|Volvo|Hyundai|Kia|BYD|Geely|Ferrari|Lamborghini|Jaguar|
Suzuki|Mitsubishi|Subaru|Mazda|Kremlin|Pentagon|Senate|Parliament|Congress|Bundestag|Duma|Knesset|
Politburo|Interpol|Eurostat|Goldman Sachs|Morgan Stanley|JPMorgan|Citigroup|HSBC|
Barclays|BlackRock|Berkshire Hathaway|Unilever|Nestle|Reliance|Tata|Infosys|Wipro|
Adani|Sinopec|PetroChina|Gulf Air|Emirates|Qatar Airways|Lufthansa|Ryanair
""")

NEWS_ACRONYMS = frozenset(
    {
        "PTI",
        "AFP",
        "AP",
        "ANI",
        "IANS",
        "UNI",
        "BBC",
        "CNN",
        "APP",
        "NHK",
        "KCNA",
        "DPA",
        "EFE",
        "ANSA",
        "PTV",
        "NPR",
        "PBS",
        "ABC",
        "CBS",
        "NBC",
        "RT",
        "CGTN",
        "CCTV",
        "SABC",
        "NYT",
        "WSJ",
        "FT",
        "UPI",
        "IRNA",
        "SPA",
        "WAM",
        "KUNA",
        "TRT",
    }
)

EVENT_WORDS = _entries("""
Summit|Olympics|Olympic|Paralympics|War|Conference|Election|Elections|Cup|Festival|
Games|Championship|Championships|Forum|Expo|Exhibition|Marathon|Revolution|Crisis|
Massacre|Awards|Prix|Open|Tournament|Week|Day|Fair|Congress|Convention|Dialogue|
Talks|Meeting|Session|Derby|Series|League|Finals|Final|Bowl|Grand Prix|Biennale|
Carnival|Jubilee|Uprising|Invasion|Offensive|Operation|Pandemic|Earthquake|Cyclone|
Hurricane|Typhoon|Storm|Flood|Floods|Clean|Run|Race|Rally|Match|Trophy|Gala|Show|
Holocaust|Spring|Prize|Prizes|Award|Accord|Accords|Agreement|Treaty|Protocol|Battle|Siege|Clash|Classic|
Invitational|Regatta|Air Show
""")

PLACE_WORDS = _entries("""
Ocean|Sea|River|Lake|Mountain|Mountains|Mount|Mt|Mt.|Island|Islands|Valley|Desert|
Province|County|District|Region|Street|Road|Avenue|Square|Bay|Gulf|Peninsula|Strait|
Coast|Park|Canal|Bridge|Highway|Boulevard|Lane|Plaza|Hills|Hill|Heights|Plateau|Basin|
Delta|Forest|Glacier|Falls|Harbour|Harbor|Beach|Cape|Prefecture|Oblast|Territory|
Territories|Village|Town|Borough|Republic|Kingdom|Emirates|Federation|Corridor|Pass|
Square|Palace|Stadium|Airport|Station|Tower|Hall|Memorial|Cathedral|Mosque|Temple|
Ridge|Northwest|Northeast|Southwest|Southeast|Midlands|Highlands|Lowlands|Coastline|
Estate|Quarter|Zone|Reserve|Sanctuary|Fjord|Isle|Isles|Creek|Springs|Canyon|Range
""")
# "Republic"/"Kingdom"/"Federation" name states as well as bodies; "Station"/"Airport"
# sit here as places unless an object cue says otherwise.

OBJECT_WORDS = _entries("""
Space Station|Telescope|Rover|Probe|Lander|Orbiter|Capsule|Satellite|Rocket|Shuttle|
Module|Spacecraft|Launcher|Missile|Aircraft|Airliner|Jet|Fighter|Bomber|Drone|Tank|
Carrier|Submarine|Frigate|Destroyer|Vessel|Ship|Yacht|Ferry|Train|Express|Explorer|
Voyager|Pathfinder|Phone|iPhone|Galaxy|Model|Series
""")

OBJECT_CUES = frozenset(
    {
        "station",
        "space station",
        "spacecraft",
        "probe",
        "rocket",
        "rockets",
        "satellite",
        "satellites",
        "lander",
        "rover",
        "orbiter",
        "capsule",
        "module",
        "telescope",
        "shuttle",
        "launcher",
        "missile",
        "missiles",
        "aircraft",
        "jet",
        "jets",
        "fighter",
        "drone",
        "drones",
        "tank",
        "tanks",
        "warship",
        "ship",
        "vessel",
        "submarine",
        "frigate",
        "destroyer",
        "carrier",
        "airliner",
        "plane",
        "planes",
        "helicopter",
        "helicopters",
        "cubesat",
        "mission",
        "vehicle",
        "vehicles",
        "car",
        "smartphone",
        "phone",
        "chip",
        "chips",
        "reactor",
        "train",
        "ferry",
        "tanker",
        "freighter",
        "mothership",
        "booster",
        "sedan",
        "suv",
        "truck",
        "hatchback",
        "airship",
        "spaceplane",
        "boat",
        "console",
        "handset",
        "laptop",
        "tablet",
        "engine",
        "locomotive",
        "icebreaker",
        "system",
        "systems",
        "interceptor",
        "interceptors",
        "howitzer",
        "howitzers",
    }
)

MONTHS = _entries("""
January|February|March|April|May|June|July|August|September|October|November|December|
Jan|Jan.|Feb|Feb.|Mar|Mar.|Apr|Apr.|Jun|Jun.|Jul|Jul.|Aug|Aug.|Sep|Sep.|Sept|Sept.|
Oct|Oct.|Nov|Nov.|Dec|Dec.
""")

WEEKDAYS = _entries("""
Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|
Thurs|Fri|Sat|Sun|Easter|Christmas|Ramadan|Eid|Diwali|Thanksgiving|Halloween|
Hanukkah|Passover|Lent|Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays|
Today|Tomorrow|Yesterday|Tonight|Christmas Eve|New Year's Eve
""")

# Capitalised words that open sentences and are almost never names on their own.
STARTERS = frozenset(
    """
    the a an this that these those there here it its it's he she we they i you his
    her their our my your who what when where why how which whose whom if but and or
    so yet nor for as at in on of to by from with without within into onto upon over
    under after before during since until while although though because despite
    according meanwhile however also still earlier later last next first second third
    finally then now once both each every all some many most several few other others
    such no not neither either one two three four five six seven eight nine ten
    another more less only even just about around nearly almost among between through
    across along against towards toward beyond officials experts analysts sources
    police residents witnesses critics supporters authorities investigators
    researchers scientists doctors workers people students children women men
    further furthermore moreover additionally instead otherwise similarly likewise
    overall indeed perhaps maybe already speaking asked asked, following amid
    addressing describing calling noting adding saying reports report reportedly
    separately elsewhere previously recently currently today yesterday tomorrow
    tonight late early next thanks please yes do does did is are was were be been
    has have had will would can could should may might must shall let lets let's
    than unlike like under unless whether whatever whenever wherever however
    meanwhile nevertheless nonetheless besides rather despite though given based
    protesters demonstrators firefighters forecasters rescuers lawmakers voters
    soldiers troops militants rebels villagers teachers farmers fans shoppers
    passengers survivors prosecutors judges senators negotiators diplomats
    economists traders investors shares prices sales gusts winds temperatures
    families parents patients victims migrants refugees journalists reporters
    engineers researchers officers guards gunmen attackers suspects locals
    visitors tourists consumers customers users players athletes members
    """.split()
)

PRONOUNS = frozenset("I Me My He She We They It You His Her Our Their Its Us".split())


def _lowered_words(*lists) -> frozenset[str]:
    return frozenset(w.lower() for entries in lists for e in entries for w in e.split())


# Lower-case single words, for finders that compare lowered tokens (suggest.names).
TITLE_WORDS = _lowered_words(TITLES, ACRONYM_TITLES)
ORG_WORD_SET = _lowered_words(ORG_WORDS)
PUBLICATION_WORD_SET = _lowered_words(PUBLICATION_WORDS, NEWS_ACRONYMS)
PLACE_WORD_SET = _lowered_words(PLACE_WORDS)
