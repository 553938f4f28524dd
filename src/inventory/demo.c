/* demo.c - Exempelkommun's inventory for `lis demo`, written by hand so that a kommun's
 * CISO recognises it: the systems a Swedish kommun runs, in the förvaltningar that own
 * them, grouped into förvaltningsobjekt (pm3), the information they handle with its
 * owners, a few processes, classifications in every state the work goes through, and
 * the self-assessment of two objects. Direct INSERTs with an audit row each, as the
 * other demo data. The `--scale` generator (generate.c) is separate and unchanged. */
#include "demo.h"
#include "../audit/audit.h"
#include "../core/util.h"
#include "../org/seed.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N(x) ((int)(sizeof(x) / sizeof((x)[0])))

/* index into the units seed.c passes */
enum { KLF = 3, IT = 4, BUF = 6, SOC = 8, IFO = 9, SBF = 11 };

/* Chefs and förvaltare who own information but do not log in to the demo; the demo's
 * own people (admin, ciso, ledning, samordnare, agare, …) are found by their address. */
typedef struct demo_owner {
    const char *name, *local, *title;
    int unit;
} demo_owner;

static const demo_owner owners[] = {
    {"Maria Sjöberg", "maria.sjoberg", "IT-chef", IT},
    {"Eva Lund", "eva.lund", "Barn- och utbildningschef", BUF},
    {"Lisa Åkesson", "lisa.akesson", "Systemförvaltare skolsystem", BUF},
    {"Per Nyberg", "per.nyberg", "Samhällsbyggnadschef", SBF},
    {"Lena Ström", "lena.strom", "Ekonomichef", KLF},
    {"Jonas Vik", "jonas.vik", "HR-chef", KLF},
    {"Ali Hassan", "ali.hassan", "Systemförvaltare socialtjänsten", SOC},
};

typedef struct demo_row {
    const char *name;
    int unit;
    const char *owner, *manager, *status, *description;
} demo_row;

/* ids follow this order in a fresh demo: the browser tests open object 1 (assessed there,
 * so it has no answers here) and the risk demo analyses Socialförvaltningen's object */
static const demo_row objects[] = {
    /* 0 */ {"Digital arbetsplats", IT, "maria.sjoberg", "admin", "operation",
             "E-post, samarbete, inloggning och telefoni för alla medarbetare."},
    /* 1 */
    {"Vård och omsorg", SOC, "agare", "ali.hassan", "operation",
     "Verksamhetsstöd för äldreomsorg, hemtjänst, LSS och kommunal hälso- och sjukvård."},
    /* 2 */
    {"Individ- och familjeomsorg", IFO, "agare", "ali.hassan", "operation",
     "Verksamhetsstöd för barn och unga, vuxna och ekonomiskt bistånd."},
    /* 3 */
    {"Skoladministration", BUF, "eva.lund", "lisa.akesson", "operation",
     "Elevregister, schema, frånvaro, betyg, förskoleplacering och elevhälsa."},
    /* 4 */
    {"Lärplattformar", BUF, "eva.lund", "lisa.akesson", "operation",
     "Planering, dokumentation av lärande och kontakt med vårdnadshavare."},
    /* 5 */
    {"Ekonomi", KLF, "lena.strom", NULL, "operation",
     "Redovisning, fakturahantering, inköp och uppföljning av mål och budget."},
    /* 6 */
    {"Personal och lön", KLF, "jonas.vik", NULL, "operation",
     "Lön, anställningar, schema för lön och rekrytering."},
    /* 7 */
    {"Ärendehantering och arkiv", KLF, "ledning", "admin", "operation",
     "Diarium, ärenden, nämndadministration och bevarande i e-arkiv."},
    /* 8 */
    {"Samhällsbyggnad", SBF, "per.nyberg", NULL, "operation",
     "Bygglov, miljö- och hälsoskydd, kartor och geodata."},
    /* 9 */
    {"E-tjänster och kommunikation", KLF, "ledning", "admin", "operation",
     "Kommunens e-tjänster, webbplats och växel."},
};

typedef struct demo_system {
    demo_row row;
    int object;
    const char *supplier, *hosting, *country;
} demo_system;

static const demo_system systems[] = {
    /* 0 */ {{"Microsoft 365", IT, "maria.sjoberg", "admin", "operation",
              "E-post (Exchange Online), Teams, OneDrive och SharePoint för alla medarbetare."},
             0,
             "Microsoft",
             "cloud",
             "Irland"},
    /* 1 */
    {{"Active Directory och Entra ID", IT, "maria.sjoberg", "admin", "operation",
      "Katalogtjänst och inloggning; Entra ID synkroniseras från den lokala katalogen."},
     0,
     "Microsoft",
     "own",
     "Sverige"},
    /* 2 */
    {{"Säker e-post", IT, "maria.sjoberg", "admin", "procurement",
      "Krypterad e-post för känsliga uppgifter till medborgare och andra myndigheter. "
      "Upphandlas enligt handlingsplanen 2026."},
     0,
     NULL,
     "cloud",
     "Sverige"},
    /* 3 */
    {{"Växel och telefoni (Telia Touchpoint Plus)", IT, "maria.sjoberg", "admin", "operation",
      "Växel, kontaktcenter och mobiltelefoni."},
     9,
     "Telia",
     "cloud",
     "Sverige"},
    /* 4 */
    {{"Lifecare Vård och omsorg", SOC, "agare", "ali.hassan", "operation",
      "Social dokumentation och journal enligt HSL för äldreomsorg och LSS."},
     1,
     "Tietoevry",
     "supplier",
     "Sverige"},
    /* 5 */
    {{"Time Care Planering", SOC, "agare", "ali.hassan", "operation",
      "Schemaläggning och bemanning inom vård och omsorg."},
     1,
     "Tietoevry",
     "supplier",
     "Sverige"},
    /* 6 */
    {{"Phoniro Care", SOC, "agare", "ali.hassan", "operation",
      "Digitala nycklar, trygghetslarm och registrering av insatser i hemtjänsten."},
     1,
     "Phoniro",
     "cloud",
     "Sverige"},
    /* 7 */
    {{"Nationell patientöversikt (NPÖ)", SOC, "agare", "ali.hassan", "operation",
      "Sammanhållen journalföring: läsåtkomst för legitimerad personal."},
     1,
     "Inera",
     "supplier",
     "Sverige"},
    /* 8 */
    {{"Procapita IFO", IFO, "agare", "ali.hassan", "operation",
      "Verksamhetssystem för individ- och familjeomsorgen. Ersätts av Lifecare IFO."},
     2,
     "Tietoevry",
     "own",
     "Sverige"},
    /* 9 */
    {{"Lifecare IFO", IFO, "agare", "ali.hassan", "procurement",
      "Nytt verksamhetssystem för individ- och familjeomsorgen; avrop pågår."},
     2,
     "Tietoevry",
     "supplier",
     "Sverige"},
    /* 10 */
    {{"IST Extens", BUF, "eva.lund", "lisa.akesson", "operation",
      "Elevregister, betyg, förskole- och fritidshemsplacering."},
     3,
     "IST",
     "supplier",
     "Sverige"},
    /* 11 */
    {{"Skola24", BUF, "eva.lund", "lisa.akesson", "operation", "Schema och frånvarorapportering."},
     3,
     "Skola24",
     "cloud",
     "Sverige"},
    /* 12 */
    {{"PMO elevhälsojournal", BUF, "eva.lund", "lisa.akesson", "operation",
      "Journal för elevhälsans medicinska, psykologiska och kuratoriska insatser."},
     3,
     "Tietoevry",
     "supplier",
     "Sverige"},
    /* 13 */
    {{"Unikum", BUF, "eva.lund", "lisa.akesson", "operation",
      "Lärplattform: planering, bedömning, IUP och kontakt med vårdnadshavare."},
     4,
     "Unikum",
     "cloud",
     "Sverige"},
    /* 14 */
    {{"Infomentor", BUF, "eva.lund", "lisa.akesson", "retired",
      "Tidigare lärplattform, ersatt av Unikum. Historiken finns kvar för läsning till "
      "gallring."},
     4,
     "InfoMentor",
     "cloud",
     "Sverige"},
    /* 15 */
    {{"Raindance", KLF, "lena.strom", NULL, "operation",
      "Ekonomisystem: redovisning, leverantörs- och kundfakturor."},
     5,
     "CGI",
     "supplier",
     "Sverige"},
    /* 16 */
    {{"Proceedo e-handel", KLF, "lena.strom", NULL, "operation",
      "Beställningar från avtalade leverantörer och fakturamatchning."},
     5,
     "Visma",
     "cloud",
     "Sverige"},
    /* 17 */
    {{"Stratsys", KLF, "lena.strom", NULL, "operation",
      "Mål, budget och uppföljning för nämnderna."},
     5,
     "Stratsys",
     "cloud",
     "Sverige"},
    /* 18 */
    {{"Heroma", KLF, "jonas.vik", NULL, "operation",
      "Lön, anställningar och personaladministration."},
     6,
     "CGI",
     "supplier",
     "Sverige"},
    /* 19 */
    {{"Visma Recruit", KLF, "jonas.vik", NULL, "operation",
      "Annonsering och hantering av ansökningar."},
     6,
     "Visma",
     "cloud",
     "Sverige"},
    /* 20 */
    {{"Public 360", KLF, "ledning", "admin", "operation",
      "Diarium, dokument- och ärendehantering för alla nämnder."},
     7,
     "Tietoevry",
     "supplier",
     "Sverige"},
    /* 21 */
    {{"E-arkiv (Sydarkivera)", KLF, "ledning", "admin", "planned",
      "Långtidsbevarande av avslutade ärenden och verksamhetssystemens information."},
     7,
     "Sydarkivera",
     "supplier",
     "Sverige"},
    /* 22 */
    {{"Netpublicator", KLF, "ledning", "admin", "operation",
      "Möteshandlingar till förtroendevalda."},
     7,
     "Netpublicator",
     "cloud",
     "Sverige"},
    /* 23 */
    {{"ByggR", SBF, "per.nyberg", NULL, "operation",
      "Ärendehantering för bygglov, strandskydd och tillsyn enligt PBL."},
     8,
     "Sokigo",
     "supplier",
     "Sverige"},
    /* 24 */
    {{"EDP Vision", SBF, "per.nyberg", NULL, "operation",
      "Tillsyn och ärenden inom miljö- och hälsoskydd och livsmedel."},
     8,
     "EDP Consult",
     "supplier",
     "Sverige"},
    /* 25 */
    {{"Geosecma (GIS och kartor)", SBF, "per.nyberg", NULL, "operation",
      "Kommunens kartsystem: baskarta, detaljplaner och adresser."},
     8,
     "Sokigo",
     "own",
     "Sverige"},
    /* 26 */
    {{"E-tjänsteplattform (Open ePlatform)", KLF, "ledning", "admin", "operation",
      "Kommunens e-tjänster med inloggning via BankID."},
     9,
     "Nordic Peak",
     "cloud",
     "Sverige"},
    /* 27 */
    {{"Webbplats (Sitevision)", KLF, "ledning", "admin", "operation",
      "Kommunens externa webbplats och intranät."},
     9,
     "Sitevision",
     "supplier",
     "Sverige"},
};

/* the browser tests open asset 3 (a new version by the CISO) */
static const demo_row assets[] = {
    /* 0 */ {"E-post och meddelanden", IT, "maria.sjoberg", "admin", "operation", NULL},
    /* 1 */ {"Användarkonton och behörigheter", IT, "maria.sjoberg", "admin", "operation", NULL},
    /* 2 */
    {"Gemensamma dokument och samarbetsytor", IT, "maria.sjoberg", "admin", "operation",
     "Filer i Teams, OneDrive och SharePoint."},
    /* 3 */ {"Samtalsloggar i växeln", IT, "maria.sjoberg", "admin", "operation", NULL},
    /* 4 */
    {"Social dokumentation inom äldreomsorgen", SOC, "agare", "ali.hassan", "operation",
     "Genomförandeplaner, journalanteckningar och beslut om insatser enligt SoL och LSS."},
    /* 5 */
    {"Journaler inom hälso- och sjukvård", SOC, "agare", "ali.hassan", "operation",
     "Patientjournaler enligt patientdatalagen för kommunal hälso- och sjukvård."},
    /* 6 */
    {"Uppgifter om personer med skyddade personuppgifter", SOC, "agare", "ali.hassan", "operation",
     NULL},
    /* 7 */ {"Scheman och bemanning", SOC, "agare", "ali.hassan", "operation", NULL},
    /* 8 */ {"Trygghetslarm och insatsregistrering", SOC, "agare", "ali.hassan", "operation", NULL},
    /* 9 */
    {"Social dokumentation inom individ- och familjeomsorgen", IFO, "agare", "ali.hassan",
     "operation", NULL},
    /* 10 */ {"Utredningar om barn och unga", IFO, "agare", "ali.hassan", "operation", NULL},
    /* 11 */
    {"Ekonomiskt bistånd – ansökningar och beslut", IFO, "agare", "ali.hassan", "operation", NULL},
    /* 12 */
    {"Elevdokumentation", BUF, "eva.lund", "lisa.akesson", "operation",
     "Åtgärdsprogram, utvecklingssamtal och dokumentation om särskilt stöd."},
    /* 13 */ {"Betyg och omdömen", BUF, "eva.lund", "lisa.akesson", "operation", NULL},
    /* 14 */ {"Elevhälsans journaler", BUF, "eva.lund", "lisa.akesson", "operation", NULL},
    /* 15 */ {"Frånvaro och schema", BUF, "eva.lund", "lisa.akesson", "operation", NULL},
    /* 16 */
    {"Placering i förskola och fritidshem", BUF, "eva.lund", "lisa.akesson", "operation", NULL},
    /* 17 */ {"Löneuppgifter", KLF, "jonas.vik", NULL, "operation", NULL},
    /* 18 */ {"Anställningsavtal och personalakter", KLF, "jonas.vik", NULL, "operation", NULL},
    /* 19 */ {"Ansökningshandlingar vid rekrytering", KLF, "jonas.vik", NULL, "operation", NULL},
    /* 20 */ {"Leverantörsfakturor", KLF, "lena.strom", NULL, "operation", NULL},
    /* 21 */ {"Budget och redovisning", KLF, "lena.strom", NULL, "operation", NULL},
    /* 22 */ {"Diarium och ärendeakter", KLF, "ledning", "admin", "operation", NULL},
    /* 23 */ {"Nämndprotokoll och beslut", KLF, "ledning", "admin", "operation", NULL},
    /* 24 */
    {"Allmänna handlingar för långtidsbevarande", KLF, "ledning", "admin", "operation", NULL},
    /* 25 */ {"Bygglovsärenden", SBF, "per.nyberg", NULL, "operation", NULL},
    /* 26 */ {"Kartdata och geodata", SBF, "per.nyberg", NULL, "operation", NULL},
    /* 27 */ {"Miljö- och hälsoskyddsärenden", SBF, "per.nyberg", NULL, "operation", NULL},
    /* 28 */ {"Ärenden och uppgifter från e-tjänster", KLF, "ledning", "admin", "operation", NULL},
};

static const demo_row processes[] = {
    {"Handläggning av försörjningsstöd", IFO, "agare", NULL, "operation",
     "Från ansökan (e-tjänst eller papper) till beslut och utbetalning."},
    {"Utredning av barn som far illa", IFO, "agare", NULL, "operation",
     "Orosanmälan, förhandsbedömning, utredning och beslut om insats."},
    {"Antagning till förskola", BUF, "eva.lund", "lisa.akesson", "operation",
     "Ansökan, placeringserbjudande och svar från vårdnadshavare."},
    {"Rekrytering", KLF, "jonas.vik", NULL, "operation",
     "Från kravprofil och annons till anställningsavtal."},
    {"Hantering av leverantörsfakturor", KLF, "lena.strom", NULL, "operation",
     "Skanning, attest och betalning."},
    {"Ansökan om bygglov", SBF, "per.nyberg", NULL, "operation",
     "Från ansökan till beslut och startbesked."},
    {"Diarieföring och arkivering", KLF, "ledning", "admin", "operation",
     "Registrering av allmänna handlingar och leverans till e-arkiv."},
};

typedef struct demo_link {
    int system, asset;
    const char *note;
} demo_link;

static const demo_link links[] = {
    {0, 0, "Huvudsystem"},
    {0, 2, "Huvudsystem"},
    {1, 1, "Huvudsystem"},
    {2, 0, "Känsliga meddelanden när tjänsten är införd"},
    {3, 3, "Huvudsystem"},
    {4, 4, "Huvudsystem"},
    {4, 5, "Huvudsystem"},
    {4, 6, "Markering i personakten"},
    {5, 7, "Huvudsystem"},
    {6, 8, "Huvudsystem"},
    {6, 4, "Mobil dokumentation i hemtjänsten"},
    {7, 5, "Läsåtkomst"},
    {8, 9, "Huvudsystem"},
    {8, 10, "Huvudsystem"},
    {8, 11, "Huvudsystem"},
    {8, 6, "Markering i personakten"},
    {9, 9, "Migreras från Procapita IFO"},
    {9, 10, "Migreras från Procapita IFO"},
    {9, 11, "Migreras från Procapita IFO"},
    {10, 12, "Huvudsystem"},
    {10, 13, "Huvudsystem"},
    {10, 16, "Huvudsystem"},
    {11, 15, "Huvudsystem"},
    {12, 14, "Huvudsystem"},
    {13, 12, "Planering och bedömning"},
    {13, 13, "Omdömen och IUP"},
    {14, 12, "Historik, läsåtkomst till gallring"},
    {15, 20, "Huvudsystem"},
    {15, 21, "Huvudsystem"},
    {16, 20, "Beställning och fakturamatchning"},
    {17, 21, "Mål och uppföljning"},
    {18, 17, "Huvudsystem"},
    {18, 18, "Huvudsystem"},
    {19, 19, "Huvudsystem"},
    {20, 22, "Huvudsystem"},
    {20, 23, NULL},
    {21, 24, "Huvudsystem"},
    {21, 22, "Avslutade ärenden"},
    {22, 23, "Publicering till förtroendevalda"},
    {23, 25, "Huvudsystem"},
    {23, 26, "Underlagskartor"},
    {24, 27, "Huvudsystem"},
    {25, 26, "Huvudsystem"},
    {26, 28, "Huvudsystem"},
    {26, 11, "E-ansökan om ekonomiskt bistånd"},
    {26, 16, "E-tjänst för ansökan om plats"},
    {26, 25, "E-tjänst för ansökan om bygglov"},
};

/* One version of an asset's classification, decided by the asset's owner unless it is a
 * draft. months: how long ago it was classified; the review falls 12 months later. */
typedef struct demo_cls {
    int asset, version;
    bool draft, current;
    const char *k, *r, *t, *s;
    bool personal, sensitive;
    const char *osl_ref; /* set: the information is covered by secrecy (OSL) */
    int months;
    const char *trigger;
    const char *motivation, *participants;
} demo_cls;

#define SOC_MEETING                                                                                \
    "Olle Falk (socialchef), Ali Hassan (systemförvaltare), Sara Ek (samordnare), två "          \
    "enhetschefer"
#define IFO_MEETING                                                                                \
    "Olle Falk (socialchef), Ali Hassan (systemförvaltare), Sara Ek (samordnare), enhetschef IFO"
#define IT_MEETING "Maria Sjöberg (IT-chef), Anna Andersson (systemförvaltare), Carl Berg (CISO)"
#define BUF_MEETING "Eva Lund (förvaltningschef), Lisa Åkesson (systemförvaltare), två rektorer"
#define KLF_MEETING "Karin Dahl (kommundirektör), registrator, Anna Andersson, Carl Berg (CISO)"
#define SBF_MEETING "Per Nyberg (förvaltningschef), GIS-samordnare, bygglovshandläggare"

static const demo_cls classifications[] = {
    {0, 1, false, true, "2", "2", "3", "2", true, false, NULL, 4, NULL,
     "E-post innehåller personuppgifter och ibland sekretessuppgifter trots rutinen. Ett "
     "avbrott längre än en arbetsdag slår mot hela kommunens kontakter med medborgare.",
     IT_MEETING},
    {1, 1, false, true, "3", "3", "3", "3", true, false, NULL, 5, NULL,
     "Den som kan ändra konton eller grupper kommer åt alla system som använder "
     "katalogtjänsten. Utan inloggning stannar all verksamhet.",
     IT_MEETING},
    {2, 1, false, false, "1", "1", "1", NULL, false, false, NULL, 17, NULL,
     "Samarbetsytorna används för arbetsmaterial utan personuppgifter.", IT_MEETING},
    {2, 2, false, true, "2", "2", "2", NULL, true, false, NULL, 3, NULL,
     "Omklassad när Teams började användas i ärenden med personuppgifter: högre "
     "konfidentialitet och riktighet än vid förra klassningen.",
     IT_MEETING},
    {3, 1, false, true, "1", "1", "2", NULL, true, false, NULL, 7, NULL,
     "Vem som ringt vem är personuppgifter men sällan känsliga. Växeln ska nås under "
     "kontorstid.",
     IT_MEETING},
    {4, 1, false, true, "3", "3", "2", "3", true, true, "OSL 26 kap. 1 §", 6, NULL,
     "Uppgifter om enskildas hälsa och personliga förhållanden; röjande kan skada den enskilde "
     "allvarligt. Felaktiga uppgifter kan leda till fel insats. Kortare avbrott klaras med "
     "reservrutin på papper.",
     SOC_MEETING},
    {5, 1, false, true, "3", "3", "3", "3", true, true, "OSL 25 kap. 1 §", 6, NULL,
     "Patientuppgifter enligt patientdatalagen. Sjuksköterskor behöver aktuell läkemedelslista "
     "dygnet runt; fel uppgift kan skada patienten.",
     SOC_MEETING},
    {6, 1, false, true, "4", "3", "2", "3", true, true, "OSL 22 kap. 1 §", 6, NULL,
     "Röjd adress kan leda till att en person som lever med skyddad identitet utsätts för våld. "
     "Kräver egen riskanalys och begränsad behörighet.",
     SOC_MEETING},
    {7, 1, false, true, "1", "2", "3", NULL, true, false, NULL, 8, NULL,
     "Scheman innehåller få personuppgifter men brukarna får inga besök om bemanningen inte "
     "kan planeras.",
     SOC_MEETING},
    /* the draft the demo's information owner decides (a browser test does) */
    {8, 1, true, false, "2", "3", "4", "2", true, true, "OSL 26 kap. 1 §", 0, NULL,
     "Ett larm som inte når fram kan kosta liv: tillgängligheten är avgörande. Insatserna "
     "visar vem som får vilken hjälp i hemmet.",
     SOC_MEETING},
    {9, 1, false, false, "3", "3", "2", NULL, true, true, "OSL 26 kap. 1 §", 20, NULL,
     "Uppgifter om enskildas personliga förhållanden inom socialtjänsten.", IFO_MEETING},
    {9, 2, false, true, "3", "3", "2", "3", true, true, "OSL 26 kap. 1 §", 8, "procurement",
     "Uppgifter om missbruk, våld och ekonomi; röjande skadar den enskilde allvarligt. "
     "Spårbarhet tillagd efter loggrevisionen. Ses över inför bytet till Lifecare IFO.",
     IFO_MEETING},
    {10, 1, false, true, "3", "3", "2", "3", true, true, "OSL 26 kap. 1 §", 8, NULL,
     "Uppgifter om barn och deras familjer, ofta från orosanmälningar. Fel eller röjda "
     "uppgifter kan skada barnet och anmälaren.",
     IFO_MEETING},
    {11, 1, false, true, "3", "3", "2", "2", true, true, "OSL 26 kap. 1 §", 8, NULL,
     "Ansökningar innehåller ekonomi, läkarintyg och uppgifter om familjen. Utbetalning "
     "måste ske i tid.",
     IFO_MEETING},
    {12, 1, false, true, "2", "2", "2", NULL, true, false, "OSL 23 kap. 2 §", 5, NULL,
     "Åtgärdsprogram och dokumentation om särskilt stöd är sekretessreglerade.", BUF_MEETING},
    {13, 1, false, true, "1", "3", "2", NULL, true, false, NULL, 5, NULL,
     "Betyg är i regel allmänna och offentliga, men ett felaktigt betyg får stora följder för "
     "eleven. Måste kunna tas fram vid terminsslut.",
     BUF_MEETING},
    {14, 1, false, true, "3", "3", "2", "3", true, true, "OSL 25 kap. 1 § och 23 kap. 2 §", 5, NULL,
     "Medicinska, psykologiska och kuratoriska journaler om barn; röjande kan skada eleven "
     "allvarligt.",
     BUF_MEETING},
    {15, 1, false, true, "1", "2", "3", NULL, true, false, NULL, 9, NULL,
     "Schemat styr hela skoldagen; frånvaro ska anmälas till vårdnadshavare samma dag.",
     BUF_MEETING},
    {17, 1, false, true, "2", "3", "3", NULL, true, true, NULL, 10, NULL,
     "Löner är i regel offentliga, men avdrag visar facklig tillhörighet. Lönen ska betalas ut "
     "rätt och i tid.",
     "Jonas Vik (HR-chef), lönechef, Carl Berg (CISO)"},
    {18, 1, false, true, "2", "2", "1", NULL, true, true, "OSL 39 kap. 1 §", 10, NULL,
     "Personalakter kan innehålla uppgifter om hälsa och rehabilitering.",
     "Jonas Vik (HR-chef), lönechef, Carl Berg (CISO)"},
    {20, 1, false, true, "1", "3", "2", NULL, false, false, NULL, 4, NULL,
     "Fakturor är allmänna handlingar. En ändrad bankuppgift kan leda till utbetalning till "
     "bedragare.",
     "Lena Ström (ekonomichef), redovisningsansvarig, Carl Berg (CISO)"},
    {21, 1, false, true, "0", "3", "2", NULL, false, false, NULL, 4, NULL,
     "Offentlig information; riktigheten är avgörande för bokslut och beslut.",
     "Lena Ström (ekonomichef), redovisningsansvarig, Carl Berg (CISO)"},
    {22, 1, false, true, "2", "3", "2", "2", true, false,
     "Olika bestämmelser i OSL beroende på ärende", 7, NULL,
     "Diariet är offentligt, men enskilda ärenden kan innehålla sekretessuppgifter. "
     "Allmänheten har rätt att ta del av handlingar utan dröjsmål.",
     KLF_MEETING},
    {23, 1, false, true, "0", "3", "1", NULL, true, false, NULL, 7, NULL,
     "Protokoll är offentliga; de måste vara äkta och oförändrade.", KLF_MEETING},
    {24, 1, false, true, "2", "3", "1", "2", true, false, NULL, 7, NULL,
     "Handlingar som ska bevaras för all framtid måste gå att lita på; åtkomst kan vänta "
     "några dagar.",
     KLF_MEETING},
    {25, 1, false, true, "1", "3", "2", NULL, true, false, NULL, 6, NULL,
     "Bygglovsärenden är i regel offentliga. Ett felaktigt beslut kan få stora ekonomiska "
     "följder.",
     SBF_MEETING},
    {26, 1, false, true, "0", "2", "1", NULL, false, false, NULL, 6, NULL,
     "Kartdata är offentlig och publiceras. Fel i kartan ger fel underlag för beslut.",
     SBF_MEETING},
    /* overdue: classified 15 months ago, reviewed every 12 */
    {27, 1, false, true, "1", "2", "1", NULL, true, false, NULL, 15, NULL,
     "Tillsynsärenden är i regel offentliga; uppgifter om enskildas hälsa förekommer sällan.",
     SBF_MEETING},
    {28, 1, false, true, "3", "2", "2", NULL, true, true, "OSL 26 kap. 1 §", 3, NULL,
     "E-tjänsterna tar emot allt från bygglov till ansökan om ekonomiskt bistånd; den "
     "känsligaste e-tjänsten sätter nivån.",
     "Karin Dahl (kommundirektör), Anna Andersson, Sara Ek (samordnare), Carl Berg (CISO)"},
};

typedef struct ctx {
    db *d;
    arena *a;
    int64_t tenant;
    const int64_t *units;
    const char *now;
} ctx;

static const char *person(ctx *c, const char *local)
{
    if (!local) return NULL;
    const char *p[] = {int_text(c->a, c->tenant), arena_printf(c->a, "%s@exempelkommun.se", local)};
    return db_scalar(c->d, c->a, "SELECT id FROM person WHERE tenant_id = $1 AND email = $2", 2, p);
}

/* Runs an INSERT … RETURNING id and audits the new row; 0 on failure. */
static int64_t insert(ctx *c, const char *entity, const char *action, const char *title,
                      const char *sql, int n, const char **p)
{
    return seed_insert_audited(c->d, c->a, c->tenant, entity, action, title, sql, n, p);
}

/* a row of one of the inventory's kinds, with the system's extra columns when given */
static int64_t insert_row(ctx *c, const char *table, const char *entity, const demo_row *r,
                          const demo_system *sys, int64_t object)
{
    const char *p[] = {int_text(c->a, c->tenant),
                       int_text(c->a, c->units[r->unit]),
                       r->name,
                       r->description,
                       person(c, r->owner),
                       person(c, r->manager),
                       r->status,
                       c->now,
                       sys ? int_text(c->a, object) : NULL,
                       sys ? sys->supplier : NULL,
                       sys ? sys->hosting : NULL,
                       sys ? sys->country : NULL};
    const char *sql = arena_printf(
        c->a,
        "INSERT INTO %s (tenant_id, unit_id, name, description, owner_id, manager_id, status, "
        "created_at, updated_at%s) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8%s) RETURNING id",
        table, sys ? ", object_id, supplier, hosting, hosting_country" : "",
        sys ? ", $9, $10, $11, $12" : "");
    return insert(c, entity, "create", r->name, sql, sys ? 12 : 8, p);
}

static bool insert_classification(ctx *c, const demo_cls *k, const int64_t *asset_ids)
{
    const demo_row *asset = &assets[k->asset];
    char today[11], on[11], review[11];
    date_today(today);
    date_add_months(today, -k->months, on);
    date_add_months(on, 12, review);
    const char *decided_at = arena_printf(c->a, "%sT09:00:00Z", on);
    const char *p[] = {int_text(c->a, c->tenant),
                       int_text(c->a, c->units[asset->unit]),
                       int_text(c->a, asset_ids[k->asset]),
                       int_text(c->a, k->version),
                       k->draft ? "draft" : "decided",
                       k->current ? "1" : "0",
                       k->k,
                       k->r,
                       k->t,
                       k->s,
                       k->personal ? "1" : "0",
                       k->sensitive ? "1" : "0",
                       k->osl_ref ? "1" : "0",
                       k->osl_ref,
                       k->motivation,
                       k->participants,
                       on,
                       k->draft ? NULL : review,
                       k->draft ? NULL : person(c, asset->owner),
                       k->draft ? NULL : decided_at,
                       k->trigger,
                       k->trigger ? c->now : NULL,
                       c->now};
    const char *title = arena_printf(c->a, "%s v%d", asset->name, k->version);
    return insert(c, "classifications", k->draft ? "create" : "decide", title,
                  "INSERT INTO classification (tenant_id, unit_id, asset_id, version, status, "
                  "is_current, k, r, t, s, personal_data, sensitive_data, osl, osl_ref, "
                  "motivation, participants, classified_on, next_review, decided_by, "
                  "decided_at, decided_as, review_trigger, triggered_at, created_at, updated_at) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, "
                  "$17, $18, $19, $20, CASE WHEN CAST($20 AS TEXT) IS NULL THEN NULL ELSE "
                  "'owner' END, $21, $22, $23, $23) RETURNING id",
                  23, p) != 0;
}

bool inventory_demo(db *d, arena *a, int64_t tenant, const int64_t *units)
{
    char now[21];
    time_now_iso(now);
    ctx c = {d, a, tenant, units, arena_strdup(a, now)};
    for (int i = 0; i < N(owners); i++)
        if (!seed_person(d, a, tenant, units[owners[i].unit], owners[i].name,
                         arena_printf(a, "%s@exempelkommun.se", owners[i].local), owners[i].title,
                         NULL))
            return false;
    int64_t object_ids[N(objects)], system_ids[N(systems)], asset_ids[N(assets)];
    for (int i = 0; i < N(objects); i++)
        if (!(object_ids[i] = insert_row(&c, "managed_object", "objects", &objects[i], NULL, 0)))
            return false;
    for (int i = 0; i < N(systems); i++)
        if (!(system_ids[i] = insert_row(&c, "system", "systems", &systems[i].row, &systems[i],
                                         object_ids[systems[i].object])))
            return false;
    for (int i = 0; i < N(assets); i++)
        if (!(asset_ids[i] = insert_row(&c, "information_asset", "assets", &assets[i], NULL, 0)))
            return false;
    for (int i = 0; i < N(processes); i++)
        if (!insert_row(&c, "process", "processes", &processes[i], NULL, 0)) return false;
    for (int i = 0; i < N(links); i++) {
        const demo_link *l = &links[i];
        /* the link carries the system's unit: it decides who may change it */
        const char *p[] = {int_text(c.a, tenant),
                           int_text(c.a, system_ids[l->system]),
                           int_text(c.a, asset_ids[l->asset]),
                           int_text(c.a, units[systems[l->system].row.unit]),
                           l->note,
                           c.now};
        if (!insert(&c, "system_assets", "create", NULL,
                    "INSERT INTO system_asset (tenant_id, system_id, asset_id, unit_id, note, "
                    "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
                    6, p))
            return false;
    }
    for (int i = 0; i < N(classifications); i++)
        if (!insert_classification(&c, &classifications[i], asset_ids)) return false;
    return true;
}
