/**
 * Words the synthetic data is made of, in the style of the Amazon sales dataset: its six
 * categories, product kinds, brands, US cities and Indian names. Categories are listed from the
 * best-selling down, the order their Zipf weights follow. Some product names carry a comma, which
 * the full dataset quotes, so a generated CSV exercises quoting.
 */
export const CATEGORY_PRODUCTS: readonly (readonly [string, readonly string[]])[] = [
  ['Electronics', ['Wireless Earbuds', '4K Monitor', 'Bluetooth Speaker', 'Gaming Mouse', 'Mechanical Keyboard', 'Smartwatch', 'Router', 'Webcam Full HD', 'External HDD 2TB', 'Memory Card 128GB', 'Wireless Charger', 'Car Charger', 'Microphone', 'Projector Mini', 'Drone Mini', 'Graphic Tablet', 'Headphones, Noise Cancelling', 'USB-C Hub, 7-in-1']],
  ['Home & Kitchen', ['Air Fryer', 'Instant Pot', 'Electric Kettle', 'Cookware Set', 'Vacuum Cleaner', 'Smart Light Bulb', 'Desk Organizer', 'Desk Plant', 'Office Chair', 'Knife Set, 6 Pieces', 'Coffee Maker']],
  ['Clothing', ['T-Shirt', 'Dress Shirt', 'Winter Jacket', 'Running Shoes', 'Sunglasses', 'Backpack', 'Laptop Sleeve', 'Socks, Pack of 5', 'Hoodie']],
  ['Books', ["Children's Book", 'Cookbook', 'Mystery Novel', 'Self-Help Guide', 'Notebook Set, A5', 'Science Fiction Novel']],
  ['Toys & Games', ['Board Game', 'Puzzle 1000pc', 'Building Blocks', 'Remote Control Car', 'Plush Toy', 'Card Game, Family Edition']],
  ['Sports & Outdoors', ['Yoga Mat', 'Water Bottle', 'Fitness Band', 'Dumbbell Set', 'Camping Tent', 'Cycling Helmet']],
];

export const BRANDS: readonly string[] = ['BrightLux', 'UrbanStyle', 'FitLife', 'HomeEase', 'Apex', 'ReadMore', 'CoreTech', 'Zenith', 'NexPro', 'KiddoFun'];

/** US cities with their states: the dataset ships orders only to these, whatever its Country says. */
export const CITIES: readonly (readonly [string, string])[] = [
  ['New York', 'NY'], ['Los Angeles', 'CA'], ['Chicago', 'IL'], ['Houston', 'TX'], ['Phoenix', 'AZ'], ['Philadelphia', 'PA'],
  ['San Antonio', 'TX'], ['Dallas', 'TX'], ['San Jose', 'CA'], ['Austin', 'TX'], ['Jacksonville', 'FL'], ['Fort Worth', 'TX'],
  ['Columbus', 'OH'], ['Charlotte', 'NC'], ['Indianapolis', 'IN'], ['San Francisco', 'CA'], ['Seattle', 'WA'], ['Denver', 'CO'],
  ['Washington', 'DC'],
];

/** Country as the dataset writes it, with its shares (the other countries are generator artefacts there). */
export const COUNTRIES: readonly (readonly [string, number])[] = [
  ['United States', 0.77], ['India', 0.09], ['United Kingdom', 0.08], ['Canada', 0.03], ['Australia', 0.03],
];

export const FIRST_NAMES: readonly string[] = [
  'Aarav', 'Aditya', 'Aman', 'Anjali', 'Arjun', 'Kabir', 'Karan', 'Mohit', 'Neha', 'Pooja',
  'Priya', 'Ritika', 'Rohit', 'Sahil', 'Simran', 'Sneha', 'Sunita', 'Vihaan', 'Vikas', 'Vivaan',
];

export const LAST_NAMES: readonly string[] = ['Gupta', 'Joshi', 'Kapoor', 'Kumar', 'Mehta', 'Patel', 'Reddy', 'Sharma', 'Singh', 'Verma'];

/** Review headlines and sentences by star rating, from the most critical (1) to the happiest (5). */
export const REVIEW_TITLES: readonly (readonly string[])[] = [
  ['Stopped working', 'Waste of money', 'Do not buy'],
  ['Disappointed', 'Not as described', 'Cheap build'],
  ['It is okay', 'Average product', 'Does the job, barely'],
  ['Good value', 'Works well', 'Pretty good'],
  ['Excellent!', 'Love it', 'Best purchase this year'],
];

export const REVIEW_SENTENCES: readonly (readonly string[])[] = [
  ['It broke after two days.', 'Customer support never answered.', 'The item arrived damaged.'],
  ['The quality is lower than the pictures suggest.', 'It works, but not for long.', 'Returned it after a week.'],
  ['Nothing special, nothing terrible.', 'Fine for the price.', 'Setup took longer than expected.'],
  ['Does what it says.', 'Good quality for the money.', 'Delivery was quick.'],
  ['Exceeded my expectations.', 'I use it every day.', 'Would buy again without a second thought.'],
];

export const VARIANTS: readonly string[] = ['Color: Black', 'Color: White', 'Color: Blue', 'Size: Large', 'Size: Medium', 'Style: Pack of 2'];
