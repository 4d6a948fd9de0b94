namespace Tiergate.Monitoring.Places;

/// <summary>
/// One reference point per country, used as a place's coordinates when only its country is known
/// (<see cref="PlacePrecision.Country"/>). The point is the country's <b>capital city</b> (the seat named
/// as capital in the country's constitution; where that differs from the largest city we still use the
/// capital, e.g. Canberra, Ottawa, Brasília, Abuja, Pretoria for South Africa's executive capital,
/// Yamoussoukro for Côte d'Ivoire), coordinates in degrees rounded to about 1 km. A capital, not a
/// centroid, because most traffic comes from cities; distances between countries are then distances
/// between capitals, which detectors must state in their evidence. Covers the ~70 most populous
/// countries, every EU member and a few network hubs (CH, NO, SG, HK, NZ, AE, IL); others are unknown.
/// </summary>
public static class CountryReferencePoints
{
    private static readonly Dictionary<string, (double Latitude, double Longitude)> Points = new(StringComparer.OrdinalIgnoreCase)
    {
        // Most populous countries
        ["CN"] = (39.904, 116.407),   // Beijing
        ["IN"] = (28.614, 77.209),    // New Delhi
        ["US"] = (38.895, -77.036),   // Washington, D.C.
        ["ID"] = (-6.208, 106.846),   // Jakarta
        ["PK"] = (33.684, 73.048),    // Islamabad
        ["NG"] = (9.076, 7.399),      // Abuja
        ["BR"] = (-15.794, -47.882),  // Brasília
        ["BD"] = (23.810, 90.413),    // Dhaka
        ["RU"] = (55.756, 37.617),    // Moscow
        ["ET"] = (9.030, 38.740),     // Addis Ababa
        ["MX"] = (19.433, -99.133),   // Mexico City
        ["JP"] = (35.690, 139.692),   // Tokyo
        ["EG"] = (30.044, 31.236),    // Cairo
        ["PH"] = (14.599, 120.984),   // Manila
        ["CD"] = (-4.441, 15.266),    // Kinshasa
        ["VN"] = (21.028, 105.854),   // Hanoi
        ["IR"] = (35.689, 51.389),    // Tehran
        ["TR"] = (39.934, 32.860),    // Ankara
        ["TH"] = (13.756, 100.502),   // Bangkok
        ["GB"] = (51.507, -0.128),    // London
        ["TZ"] = (-6.163, 35.752),    // Dodoma
        ["ZA"] = (-25.747, 28.188),   // Pretoria
        ["KE"] = (-1.286, 36.817),    // Nairobi
        ["MM"] = (19.763, 96.079),    // Naypyidaw
        ["CO"] = (4.711, -74.072),    // Bogotá
        ["KR"] = (37.567, 126.978),   // Seoul
        ["SD"] = (15.501, 32.560),    // Khartoum
        ["UG"] = (0.348, 32.583),     // Kampala
        ["DZ"] = (36.754, 3.059),     // Algiers
        ["IQ"] = (33.315, 44.366),    // Baghdad
        ["AR"] = (-34.604, -58.382),  // Buenos Aires
        ["AF"] = (34.556, 69.207),    // Kabul
        ["YE"] = (15.369, 44.191),    // Sana'a
        ["CA"] = (45.422, -75.697),   // Ottawa
        ["MA"] = (34.021, -6.842),    // Rabat
        ["AO"] = (-8.839, 13.289),    // Luanda
        ["UA"] = (50.450, 30.523),    // Kyiv
        ["UZ"] = (41.299, 69.240),    // Tashkent
        ["MY"] = (3.139, 101.687),    // Kuala Lumpur
        ["MZ"] = (-25.969, 32.573),   // Maputo
        ["GH"] = (5.604, -0.187),     // Accra
        ["PE"] = (-12.046, -77.043),  // Lima
        ["SA"] = (24.713, 46.675),    // Riyadh
        ["MG"] = (-18.879, 47.508),   // Antananarivo
        ["CI"] = (6.828, -5.290),     // Yamoussoukro
        ["NP"] = (27.717, 85.324),    // Kathmandu
        ["CM"] = (3.848, 11.502),     // Yaoundé
        ["VE"] = (10.481, -66.904),   // Caracas
        ["NE"] = (13.512, 2.113),     // Niamey
        ["AU"] = (-35.281, 149.129),  // Canberra
        ["KP"] = (39.039, 125.763),   // Pyongyang
        ["SY"] = (33.514, 36.277),    // Damascus
        ["ML"] = (12.639, -8.003),    // Bamako
        ["BF"] = (12.371, -1.520),    // Ouagadougou
        ["TW"] = (25.033, 121.565),   // Taipei
        ["LK"] = (6.903, 79.909),     // Sri Jayawardenepura Kotte
        ["MW"] = (-13.963, 33.774),   // Lilongwe
        ["ZM"] = (-15.387, 28.323),   // Lusaka
        ["CL"] = (-33.449, -70.669),  // Santiago
        ["KZ"] = (51.169, 71.449),    // Astana
        ["TD"] = (12.134, 15.055),    // N'Djamena
        ["SO"] = (2.047, 45.318),     // Mogadishu
        ["SN"] = (14.716, -17.467),   // Dakar
        ["GT"] = (14.634, -90.507),   // Guatemala City
        ["EC"] = (-0.180, -78.468),   // Quito
        ["KH"] = (11.556, 104.928),   // Phnom Penh
        ["ZW"] = (-17.825, 31.034),   // Harare

        // European Union members (those not above)
        ["AT"] = (48.208, 16.373),    // Vienna
        ["BE"] = (50.850, 4.352),     // Brussels
        ["BG"] = (42.698, 23.322),    // Sofia
        ["HR"] = (45.815, 15.982),    // Zagreb
        ["CY"] = (35.185, 33.382),    // Nicosia
        ["CZ"] = (50.076, 14.438),    // Prague
        ["DK"] = (55.676, 12.568),    // Copenhagen
        ["EE"] = (59.437, 24.754),    // Tallinn
        ["FI"] = (60.170, 24.938),    // Helsinki
        ["FR"] = (48.857, 2.352),     // Paris
        ["DE"] = (52.520, 13.405),    // Berlin
        ["GR"] = (37.984, 23.728),    // Athens
        ["HU"] = (47.498, 19.040),    // Budapest
        ["IE"] = (53.350, -6.260),    // Dublin
        ["IT"] = (41.903, 12.496),    // Rome
        ["LV"] = (56.950, 24.105),    // Riga
        ["LT"] = (54.687, 25.280),    // Vilnius
        ["LU"] = (49.612, 6.130),     // Luxembourg
        ["MT"] = (35.899, 14.514),    // Valletta
        ["NL"] = (52.368, 4.904),     // Amsterdam
        ["PL"] = (52.230, 21.012),    // Warsaw
        ["PT"] = (38.722, -9.139),    // Lisbon
        ["RO"] = (44.426, 26.103),    // Bucharest
        ["SK"] = (48.149, 17.107),    // Bratislava
        ["SI"] = (46.057, 14.506),    // Ljubljana
        ["ES"] = (40.417, -3.704),    // Madrid
        ["SE"] = (59.329, 18.069),    // Stockholm

        // Network hubs
        ["CH"] = (46.948, 7.447),     // Bern
        ["NO"] = (59.913, 10.752),    // Oslo
        ["SG"] = (1.290, 103.852),    // Singapore
        ["HK"] = (22.320, 114.170),   // Hong Kong
        ["NZ"] = (-41.287, 174.776),  // Wellington
        ["AE"] = (24.454, 54.377),    // Abu Dhabi
        ["IL"] = (31.769, 35.216),    // Jerusalem (seat of government)
    };

    /// <summary>The EU's 27 members, so tests can prove the table covers them.</summary>
    public static readonly IReadOnlyList<string> EuropeanUnion =
    [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
        "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    ];

    public static int Count => Points.Count;

    public static IEnumerable<string> CountryCodes => Points.Keys;

    public static bool TryGet(string countryCode, out double latitude, out double longitude)
    {
        if (Points.TryGetValue(countryCode, out var point))
        {
            (latitude, longitude) = point;
            return true;
        }
        (latitude, longitude) = (0, 0);
        return false;
    }
}
