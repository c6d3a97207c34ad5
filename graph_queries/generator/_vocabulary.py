"""The words the generated organization is made of: names of people, units, sites and subjects."""

from __future__ import annotations

from graph_queries.model import LeaderLevel

FIRST_NAMES = (
    "Amara", "Ben", "Chen", "Dana", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kavya",
    "Lars", "Maya", "Nikolai", "Olga", "Pedro", "Quinn", "Rosa", "Samir", "Tara", "Umar",
    "Valeria", "Wei", "Ximena", "Yusuf", "Zoe", "Aisha", "Bruno", "Carmen", "Dmitri", "Emma",
    "Felix", "Gita", "Hugo", "Ingrid", "Jamal", "Keiko", "Luca", "Mei", "Noah",
)  # fmt: skip
LAST_NAMES = (
    "Adeyemi", "Berger", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito",
    "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quist", "Rossi",
    "Schmidt", "Tanaka", "Urban", "Varga", "Wagner", "Xu", "Yilmaz", "Zhang", "Novak", "Silva",
    "Murphy", "Kim", "Patel", "Horvath", "Andersson", "Becker", "Chowdhury", "Dvorak", "Ferreira",
    "Gruber", "Hansen", "Ivanova",
)  # fmt: skip
DIVISIONS = (
    "Automotive Components", "Industrial Pumps", "Packaging Systems", "Electric Drives",
    "Agricultural Machinery", "Building Products", "Aerospace Castings", "Medical Devices",
)  # fmt: skip
CORPORATE_FUNCTIONS: dict[str, tuple[str, tuple[str, ...]]] = {  # executive, what staff head
    "Group Finance": ("Chief Financial Officer", ("Controlling", "Treasury", "Tax", "Accounting")),
    "Group People": ("Chief People Officer", ("Talent", "Rewards", "Learning", "HR Operations")),
    "Group Technology": ("Chief Technology Officer", ("Infrastructure", "Applications", "Data")),
    "Group Strategy": ("Chief Strategy Officer", ("Corporate Development", "Transformation")),
}
FUNCTIONS = ("Operations", "Sales", "Engineering", "Supply Chain", "Quality", "Service")
REGIONS = ("Europe", "North America", "Asia Pacific", "Latin America", "Middle East & Africa")
TEAM_NOUNS: dict[str, tuple[str, ...]] = {
    "Operations": ("Assembly", "Machining", "Maintenance", "Logistics", "Welding", "Paint Shop"),
    "Sales": ("Key Accounts", "Inside Sales", "Field Sales", "Channel Partners", "Tenders"),
    "Engineering": ("Product Design", "Testing", "Tooling", "Software", "Materials"),
    "Supply Chain": ("Purchasing", "Planning", "Warehousing", "Supplier Quality", "Transport"),
    "Quality": ("Quality Control", "Metrology", "Audits", "Customer Quality"),
    "Service": ("Field Service", "Spare Parts", "Repairs", "Customer Support"),
    "Region": ("Sales", "Service", "Distribution", "Customer Support", "Marketing"),
}
SITES = (
    "Leipzig", "Ostrava", "Monterrey", "Pune", "Lyon", "Porto", "Suzhou", "Gdansk", "Curitiba",
    "Ohio", "Kosice", "Izmir", "Nagoya", "Brno", "Graz", "Turin", "Austin", "Penang",
)  # fmt: skip
SUBJECTS = (
    "parts supply", "delivery dates", "demand forecasts", "engineering changes", "quality data",
    "maintenance windows", "pricing approvals", "capacity plans", "customer escalations",
    "system access", "budget approvals", "test results", "spare parts", "shared staff",
)  # fmt: skip
CONFLICT_OPENERS = (
    "Disagreement over", "Missed commitment on", "Competing priorities for", "Escalation about",
)  # fmt: skip
# Titles by level: (a leader with reports, a leader without).
RANKS: dict[LeaderLevel, tuple[str, str]] = {
    LeaderLevel.SENIOR: ("Vice President", "Director"),
    LeaderLevel.MIDDLE: ("Senior Manager", "Manager"),
    LeaderLevel.FRONTLINE: ("Supervisor", "Team Leader"),
}
