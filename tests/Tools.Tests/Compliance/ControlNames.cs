namespace BankingLlm.Tools.Tests.Compliance;

/// <summary>Common US first and last names (census frequency lists): every combination is a control that must not be held.</summary>
internal static class ControlNames
{
    private static readonly string[] First =
    [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Barbara",
        "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Christopher", "Lisa", "Daniel", "Nancy",
        "Matthew", "Betty", "Anthony", "Margaret", "Mark", "Sandra", "Donald", "Ashley", "Steven", "Kimberly", "Paul", "Emily",
        "Andrew", "Donna", "Joshua", "Michelle", "Kenneth", "Carol", "Kevin", "Amanda", "Brian", "Dorothy", "George", "Melissa",
        "Maria", "Jose", "Wei", "Priya", "Ahmed", "Fatima", "Carlos", "Ana", "Nguyen", "Olga", "Ivan", "Aisha",
    ];

    private static readonly string[] Last =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez",
        "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White",
        "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott",
        "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell",
        "Carter", "Roberts", "Patel", "Khan", "Chen", "Kim", "Ivanov", "Cohen", "Murphy", "Singh", "Ali", "Kowalski",
    ];

    public static readonly IReadOnlyList<string> All = First.SelectMany(f => Last.Select(l => $"{f} {l}")).ToList();
}
