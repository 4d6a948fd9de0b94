Console.WriteLine("tiergate");
