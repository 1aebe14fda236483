"""Demo archive written for Quire: original prose, fan works in a few fandoms."""

AUTHORS = [  # username, email, a one-paragraph profile blurb, other pseuds
    {
        "username": "starshollowsnow",
        "email": "starshollowsnow@example.org",
        "about": "Thirty-something librarian in a town with exactly one good diner. I’ve been writing Gilmore Girls fic since the show was on the WB and I refuse to stop now. Mostly Literati, occasional Java Junkie, always too much coffee. My beta is lanesdrumkit, who deserves a medal. Come yell at me about Jess’s bookshop.",
    },
    {
        "username": "irregular221b",
        "email": "irregular221b@example.org",
        "about": "Canon-era Holmes and Watson only — I grew up on the old television adaptations and I will die on this hill. By day I catalogue Victorian ephemera for a small museum, which is mostly an excuse to know far too much about gas lamps and cab fares. Case fic, pastiche, and the occasional quiet story where nobody gets murdered. Concrit welcome; footnotes inevitable.",
    },
    {
        "username": "redshirt_survivor",
        "email": "redshirt.survivor@example.org",
        "about": "TOS forever. I write Kirk and Spock getting trapped in things, and occasionally Kirk and Spock getting out of things. Have survived six conventions in a red shirt (it’s a costume, relax). Happy to beta for commas, pacing, and technobabble that is at least internally consistent.",
    },
    {
        "username": "mrsbennetsnerves",
        "email": "mrsbennetsnerves@example.org",
        "about": "Regency enthusiast, former barista, permanent victim of my own nerves. I write Austen — sometimes in period, sometimes in coffee shops, always with too many sisters. Charlotte Lucas deserved better and I will keep saying so until someone listens. Kudos make my day; comments make my week.",
        # A second pseud (AO3's): her modern AUs are posted under it.
        "pseuds": [
            {
                "name": "Flat White Bennet",
                "description": "Where my modern AUs live: coffee shops, group chats, and Regency people with phones.",
            }
        ],
    },
    {
        "username": "hailingfrequencies",
        "email": "hailingfrequencies@example.org",
        "about": "Uhura stan, Chapel defender, and firm believer that the women of the Enterprise were holding that ship together with their bare hands. I mostly write short, soft things set on the night shift. I also sing in empty rooms, for the record.",
    },
]

WORKS = [
    # ------------------------------------------------------------------
    # Complete multi-chapter work (4/4).
    {
        "author": "starshollowsnow",
        "title": "Exit Ramps",
        "gift_to": ["lanesdrumkit"],  # the writer's beta, who is not a member: shown unlinked
        "summary": """\
Rory Gilmore drove to Philadelphia to say congratulations. She did not plan on kissing anyone, and she definitely did not plan on her car dying in the alley behind Truncheon Books at eleven o’clock at night.

Jess has a van, a rule about not talking before coffee, and absolutely no idea how to get to Stars Hollow without passing every diner in New Jersey.

Four chapters, one road trip, and a lot of things neither of them says until the last exit.""",
        "notes": "Canon divergence from season six, the night Rory visits Truncheon. Logan is not in the picture (sorry, Logan). Written for the Stars Hollow Gazette exchange — huge thanks to my beta, lanesdrumkit, who fixed my commas and my feelings.",
        "end_notes": "Thank you for reading! Comments are like Luke’s coffee: technically I could live without them, but why would I?",
        "rating": "teen",
        "warnings": ["none_apply"],
        "categories": ["fm"],
        "fandoms": ["Gilmore Girls"],
        "relationships": [
            "Jess Mariano/Rory Gilmore",
            "Lorelai Gilmore & Rory Gilmore",
            "Jess Mariano & Luke Danes",
        ],
        "characters": ["Rory Gilmore", "Jess Mariano", "Lorelai Gilmore", "Luke Danes", "Kirk Gleason"],
        "tags": [
            "Alternate Universe - Canon Divergence",
            "Road Trips",
            "Slow Burn",
            "Angst with a Happy Ending",
            "Diners",
            "Banter",
            "Mutual Pining",
            "First Kiss",
            "Logan Huntzberger Is Not In This Fic",
        ],
        "language": "en",
        "expected_chapters": 4,
        "restricted": False,
        "draft": False,
        "days_ago": 150,
        "chapters": [
            {
                "title": "Truncheon, 11:04 P.M.",
                "notes": "",
                "end_notes": "",
                "body": """\
The launch party had ended the way all good parties end, which is to say slowly, and then with somebody’s roommate asleep under the poetry shelf.

Rory had said goodbye three times. She had hugged Chris, whom she’d met two hours earlier, and Matthew, whom she’d met three hours earlier and who had told her, with enormous sincerity, that Jess talked about her “in a way that was frankly a little much.” She had walked out into the alley behind Truncheon with her keys in her hand and a speech in her head about how proud she was of him, to be delivered to no one, rehearsed for the drive home.

The car made a noise like a sigh. Then it made no noise at all.

“No,” she told it. “No, no. We talked about this.”

She tried again. The dashboard lights came on, thought better of it, and went out.

The back door of the shop creaked open and a rectangle of yellow light fell across the asphalt. Jess stood in it holding a flashlight he very obviously did not need, given the streetlamp directly above her head.

“I heard begging,” he said.

“I wasn’t begging. I was negotiating.”

“With a car. That’s a new low, even for you.”

“It’s a perfectly respectable form of communication.” She climbed out and shut the door harder than she meant to. “It won’t start.”

“I got that from the begging.”

He came down the two concrete steps and crouched by the front bumper, as if the car might explain itself if he looked it in the eye. Rory folded her arms against the cold. It was March, and Philadelphia had not received the memo about spring.

“Do you know anything about cars?” she asked.

“I know they’re supposed to go.” He stood, brushing grit off his knees. “I know a guy on Fourth who opens at seven and doesn’t rip people off. I know there’s a couch upstairs that Matthew swears is haunted. And I know there’s a van.”

“A van.”

“Shop van. We use it for book fairs. It smells like toner and somebody’s lunch from 2004.” He shrugged, in the careful way he always did when something mattered. “I could drive you home. Or you could stay, and the guy on Fourth fixes it, and you drive yourself tomorrow. Your call.”

Rory looked at the dead car, then up at the lit window over the shop, where someone was still playing a record far too loudly.

“It’s three and a half hours,” she said.

“It’s three hours if nobody stops for pie.”

“Everybody stops for pie.”

“Yeah.” The corner of his mouth moved. “That’s what I figured.”

She should call her mom. She should call a tow truck, and AAA, and possibly a therapist. Instead she heard herself say, “I have a midterm on Friday,” as if that settled something, and Jess nodded like it did.

“Then we talk to the car guy at seven,” he said. “Couch is yours.”

“What about the ghost?”

“Ghost’s a light sleeper. Don’t read out loud.”

She laughed, which had not been part of the speech, and followed him up the stairs.""",
            },
            {
                "title": "The Turnpike",
                "notes": "A/N: Chapter two! Thank you all SO much for the comments on chapter one, I read every single one (usually twice). Warning for an unreasonable amount of talking about books. It’s Jess and Rory, what did you expect.",
                "end_notes": "",
                "body": """\
The guy on Fourth Street was named Dominic, and Dominic needed a part.

“Thursday,” he said, wiping his hands on a rag that made them dirtier. “Maybe Wednesday, if my cousin picks up his phone. Which he won’t.”

So at a quarter past eight Rory found herself in the passenger seat of the Truncheon van, a gas-station coffee wedged between her knees, watching Jess adjust the rearview mirror with the concentration of a man defusing a bomb.

“You don’t drive this thing much,” she said.

“I drive it plenty.”

“You’ve checked that mirror four times.”

“It moves. It has opinions.” He pulled out into traffic anyway, and a delivery truck honked at them with real feeling. “See? Opinions.”

The van did smell like toner. It also smelled like cardboard and, faintly, oranges, and there was a box of unsold chapbooks behind her seat that thumped against the wall on every left turn. By the time they reached the turnpike, Rory had fished one out and was reading it with her feet on the dashboard.

“These are actually good,” she said after a while.

“Don’t sound so surprised.”

“I’m not surprised. I’m impressed. There’s a difference.”

“Is there?”

“Surprise is about what I expected. Impressed is about what you did.” She turned a page. “This one about the laundromat—”

“Matthew wrote that.”

“Oh…” She closed the book. “Well, it’s less good now.”

He laughed — the real one, the one she remembered from a bridge in Stars Hollow a long time ago — and she looked out the window so she wouldn’t have to see what her own face was doing.

New Jersey went by in gray and brown: warehouses, marshland, a billboard for a personal injury lawyer who looked like he personally enjoyed injuries. Around exit 9 Jess turned the radio on, and around exit 10 Rory turned it off.

“We were having a moment,” he said.

“We were having Billy Joel.”

“In New Jersey that’s the same thing. It’s the law.”

She pulled her knees up to her chest. “Can I ask you something?”

His hands tightened on the wheel, just slightly. “You’re going to anyway.”

“Why did you call it The Subsect?”

He didn’t answer for a mile. She counted the reflectors going by, and didn’t push, and was proud of herself for that.

“Because I didn’t belong to anything big enough to have a name,” he said finally. “So I figured I’d be a small thing. A piece of something. It sounded better at two in the morning.”

“It sounds fine at nine in the morning.”

“You’re biased.”

“I’m a journalist. We’re famously unbiased.”

“You write for a college paper.”

“I edit a college paper,” she said, with great dignity, and he glanced over and then smiled at the road, like it had said something nice about her.

At exit 11 there was a diner whose neon sign was missing its D, so that it just said INER. Jess put the blinker on without asking.

“Pie,” he said.

“It’s nine in the morning.”

“Everybody stops for pie,” he said, and she had no argument for that, because she’d said it first.""",
            },
            {
                "title": "INER",
                "notes": "",
                "end_notes": "I know. I KNOW. One more chapter, I promise, and it’s already written. Be gentle with me in the comments…",
                "body": """\
The waitress at the INER was named Dot, according to her name tag, and she looked at the two of them the way Miss Patty looked at new couples at the town dance: as if she had already started the rumor and was only waiting on the evidence.

“Two coffees,” Jess said. “And whatever pie you have the most of.”

“Cherry,” said Dot. “We always have the most cherry. Nobody orders the cherry.”

“Then we’re doing you a favor.”

Dot left, unimpressed. Rory’s phone buzzed on the table between the sugar and the ketchup, and her mother’s name lit up the screen.

“Don’t,” said Jess.

“I have to. If I don’t pick up she’ll assume I’m dead, and then she’ll assume I joined a cult, and then she’ll call Grandma, and then I’ll wish I was dead.” She flipped it open. “Hi, Mom.”

“You didn’t call last night.” Lorelai’s voice was bright enough to carry across the booth. “I had a plan. Pajamas. Ice cream. A full debrief. I made a list of questions, Rory. There were bullet points.”

“My car died.”

A pause. “Died died, or just dramatically fainted?”

“Dominic says Thursday.”

“Who’s Dominic?”

“A mechanic. It’s fine. I’m getting a ride home.”

Another pause, longer, the kind of pause that had smaller pauses inside it. “From who?”

Rory looked across the table. Jess was studying the laminated menu as though it were Proust.

“From Jess.”

“Ah,” said her mother. Just that. It was the most complicated syllable Rory had ever heard.

“We’re at a diner in New Jersey. We’re having pie. I’ll be home by lunch.”

“Pie,” Lorelai repeated. “Okay. Okay! Well… tell him—” She stopped. “Tell him to drive safe. And tell him if he hurts you I’ll have Luke hit him with something heavy. Probably a griddle.”

“I’ll pass that on.”

“You won’t.”

“I won’t,” Rory agreed, and hung up.

The pie arrived. It was, as promised, extremely cherry. Jess pushed the plate to the middle of the table and handed her the first fork, which was either a gesture or a coincidence, and she was too tired to decide which.

“About last night,” she said.

He didn’t look up. “The haunted couch?”

“The roof.”

He set his fork down. On the roof, with the party going on beneath them and the city orange at the edges, she had leaned in, and he had leaned in, and then she had stepped back so fast she’d nearly put her foot through a skylight.

“You don’t have to explain,” he said.

“I want to.”

“Rory.” He finally looked at her, and it was the look from years ago, the one that had never once let her get away with anything. “I didn’t print the book so you’d come see it. I didn’t invite you so you’d—” He made a frustrated gesture that took in the pie, the diner, and most of New Jersey. “I just wanted you to know I turned out okay. That’s it. That’s the whole thing.”

“I know you turned out okay,” she said quietly. “That’s why I stepped back.”

He waited.

“Because if I hadn’t, it wouldn’t have been a mistake,” she said. “And I didn’t know what to do with that.”

Dot came by and refilled their coffees without asking. Neither of them spoke until she was gone.

“Eat your pie, Gilmore,” Jess said at last. But his voice wasn’t quite steady, and neither was the hand he slid across the table, and she took it anyway.""",
            },
            {
                "title": "Welcome to Stars Hollow",
                "notes": "",
                "end_notes": "And that’s a wrap! Thank you so much for coming along on this one. Extra thanks to lanesdrumkit for beta-ing at 1 a.m. and for writing ‘JUST KISS HIM’ in the margins of every single draft. I might write the Thursday epilogue someday… no promises.",
                "body": """\
They hit Stars Hollow at twelve-forty, which meant the entire town was out for lunch and every single person in it saw the van.

“Kirk is waving at us,” Rory said.

“Kirk waves at everybody.”

“He’s waving with both arms. That’s his emergency wave.”

Jess pulled up across from Luke’s, put the van in park, and sat for a second with both hands on the wheel. The diner windows were fogged at the corners. Through them Rory could see her mother at the counter, not even pretending not to watch, and Luke behind it with a coffee pot frozen in midair.

“You could just drop me off,” she said. “You don’t have to come in.”

“I drove a hundred and ninety miles in a van that smells like a copy shop.” He pulled the keys. “I’m getting a burger.”

The bell over the door jangled. The conversation at the counter didn’t stop so much as trip over itself. Luke set the coffee pot down very carefully, as if it might go off.

“Hey,” said Jess.

“Hey,” said Luke. He looked at Jess, then at Rory, then back at Jess, and his face went through several weather systems. “You drove.”

“I drove.”

“From Philadelphia.”

“That’s where I live, yeah.”

“In what?”

“A van.”

Luke absorbed this. Then he came around the counter, and for one terrible second Rory was sure there was going to be a scene — and then he pulled Jess into a hug so brief and so fierce that Jess’s arms didn’t have time to do anything about it.

“Burger?” Luke said gruffly, already walking away.

“Burger,” Jess agreed, and sat down at the counter like he’d never left.

Lorelai slid one stool over to make room and leaned in, eyes enormous. “So…” she said, very low. “Pie.”

“Mom.”

“I’m just saying. A lot can happen over pie. Wars have ended over pie.”

“Name one.”

“I don’t have to name one. It’s implied.” Lorelai stole a fry off a plate that did not belong to her. “Are you okay, though?”

Rory looked down the counter. Jess was arguing with Luke about whether the burger needed onions, and losing, and not seeming to mind.

“Yeah,” she said, and was surprised by how true it was. “I think I am.”

He left at two, because the shop didn’t run itself and Matthew couldn’t be trusted with the register. She walked him out. The town went on pretending not to look at them, which in Stars Hollow meant staring openly from behind the gazebo.

“Dominic says Thursday,” Jess said, jingling the keys.

“Dominic says Thursday,” she agreed.

“So you’ll need a ride down. To get the car.”

“I could take the train.”

“You could.” He opened the driver’s door and then didn’t get in. “Or.”

She stepped forward before she could think better of it, because she had already spent a whole night thinking better of it and it hadn’t helped at all. She kissed him right there in front of the gazebo and Kirk and God and everybody, and he dropped the keys.

“Or,” she said, when she could.

“Thursday,” said Jess, a little dazed. “I’ll bring pie.”""",
            },
        ],
    },
    # ------------------------------------------------------------------
    # In progress, unknown length; the author asks whether to continue.
    {
        "author": "irregular221b",
        "title": "The Adventure of the Forty-One Clocks",
        "summary": """\
Miss Eleanor Marsh teaches the violin in a house in Kensington that holds forty-one clocks. Every morning for nine days, one of them has been found stopped at seventeen minutes past three — never the same clock, never the same room, and never with any door or window disturbed.

Holmes is bored, Watson is worried about him, and London has been far too law-abiding of late. Until now.

A case fic in the old style, narrated by Dr. Watson.""",
        "notes": "My first attempt at a proper pastiche! Set some time after the return, in one of those autumns the canon timeline never quite accounts for (the chronology is a crime scene of its own). I honestly don’t know if anyone reads case fic any more — if you’d like me to keep going, please tell me in the comments.",
        "end_notes": "",
        "rating": "general",
        "warnings": ["none_apply"],
        "categories": ["gen"],
        "fandoms": ["Sherlock Holmes - Arthur Conan Doyle"],
        "relationships": ["Sherlock Holmes & John Watson"],
        "characters": [
            "Sherlock Holmes",
            "John Watson",
            "Mrs. Hudson",
            "Original Female Character(s)",
            "Original Male Character(s)",
        ],
        "tags": [
            "Case Fic",
            "Pastiche",
            "Victorian London",
            "Mystery",
            "Friendship",
            "Narrated by John Watson",
            "Clocks",
            "Work In Progress",
        ],
        "language": "en",
        "expected_chapters": None,
        "restricted": False,
        "draft": False,
        "days_ago": 30,
        "chapters": [
            {
                "title": "A Client Before Breakfast",
                "notes": "",
                "end_notes": "",
                "body": """\
It was a grey Tuesday in the October of that year, and I came down to breakfast to find Holmes already dressed, which was in itself an omen. In my experience my friend rose early under two conditions only: when a case had seized him, or when the want of one had made him so restless that sleep became impossible. From the state of the mantelpiece — where three pipes, a chemical retort and a letter he had declined to open for four days lay together in a sort of exhausted truce — I judged it to be the second.

“You are regarding my mantelpiece, Watson,” he said, without lowering his newspaper, “as though it had committed an offence.”

“It has committed several. I count three pipes.”

“Four. There is one behind the clock.” He folded the paper with a snap. “London has grown intolerably law-abiding. I had hoped for better from her.”

Before I could reply there came the sound of Mrs. Hudson upon the stair, and with it a second, lighter step. Our landlady put her head around the door with the particular expression she reserved for visitors who arrived before nine.

“A young lady to see you, Mr. Holmes. I told her you were at breakfast. She said she would wait on the stairs all day if she had to, and I believe she meant it.”

“Then by all means spare the stairs, Mrs. Hudson. Show her up.”

The lady who entered was perhaps five-and-twenty, plainly but carefully dressed in dark blue, with a face that would have been merry had it not been so tired. She held a small leather case against her side as a soldier holds his rifle, and she took the chair Holmes indicated without once letting go of it.

“My name is Eleanor Marsh,” she began. “I—”

“You teach the violin,” said Holmes, “to a single pupil, in a house with a great many clocks, and you have not slept properly for a week.”

Miss Marsh stared at him. So, I confess, did I.

“The mark on the side of your neck, just below the jaw,” Holmes said, with a small impatient wave, as if the matter were beneath discussion. “The rosin dust upon your right cuff. A performer would have brushed it away; a teacher who has been at work since dawn with a fidgeting child would not have had the chance. As to the clocks — you have glanced at ours twice since you sat down, and each time compared it with the watch at your waist, and each time you frowned. One does not acquire that habit without practice.”

“And the sleep?”

“Is obvious, madam. I beg your pardon. Pray continue.”

She drew a breath. “I am employed by Mr. Ambrose Tull, of Phillimore Gardens, to teach his daughter. He collects clocks, Mr. Holmes. There are forty-one in the house. I know, because I have counted them every morning for nine days.” Her hand tightened upon the case. “And every morning, one of them has stopped at seventeen minutes past three.”

Holmes had grown perfectly still. I knew that stillness of old. It was the stillness of a hound who has heard, very far off, the first note of the horn.

“Always the same clock?” he asked softly.

“Never the same clock. Never the same room.” She looked from him to me and back again. “Mr. Tull locks the house himself each night. No one goes in or out. And yet someone is walking through it, every night, stopping time.”

Holmes rose and reached for his coat.

“Watson,” said he, “I believe London has reconsidered.”""",
            },
            {
                "title": "Phillimore Gardens",
                "notes": "A/N: Okay, real talk. I have no idea whether anyone wants this. It’s a slow mystery with zero romance and an unreasonable amount of clock trivia. I’ve got the solution plotted (no, it isn’t a ghost, and no, it isn’t twins), but before I vanish into horological research for another month — should I keep going? Please let me know in the comments!",
                "end_notes": "Chapter three exists as a very messy outline. Should I finish it? Yes / no / ‘please explain what an escapement is’ are all welcome answers. Thank you to everyone who left kudos on the first chapter — it honestly made my week.",
                "body": """\
Phillimore Gardens lay under a thin rain when our cab drew up, and the house of Mr. Ambrose Tull proved to be a tall, narrow building of red brick, respectable to the point of severity. I should not have looked twice at it, but for the sound. Even from the pavement one could hear it: a low, many-voiced ticking, like rain upon a roof made of watches.

Mr. Tull received us in the hall. He was a small, exact man of sixty, with spectacles pushed up on his forehead and a jeweller’s loupe hanging from a ribbon about his neck.

“Miss Marsh should not have troubled you,” he said, in a voice which plainly meant that she should not have troubled him. “It is a mechanical fault. The damp gets into the movements. I have said so.”

“Into forty-one movements, one at a time, in strict rotation?” said Holmes pleasantly. “What remarkably orderly damp.”

Mr. Tull’s mouth thinned, but he stood aside.

We spent the next two hours going through the house from cellar to attic, and I confess that by the end of it my head rang like a belfry. There were long-case clocks in the hall and bracket clocks upon every mantel; there was a French carriage clock in the nursery and a cuckoo clock, of which Mr. Tull seemed rather ashamed, in the scullery. Holmes examined each with his lens, opening cases, sniffing at the oil, and once lying flat upon his back beneath a regulator in the study while our host hovered over him in an agony of apprehension.

“This morning’s?” Holmes asked at last, rising before a walnut bracket clock in the drawing-room. Its hands stood at seventeen minutes past three.

“Yes,” said Miss Marsh, who had followed us throughout with her violin case still at her side. “Cook found it at six.”

Holmes opened the back. For a long moment he said nothing at all. Then he held out his hand to me without looking round.

“Your handkerchief, Watson.”

I gave it him. He drew something from among the wheels with great delicacy and laid it upon the white linen: a single hair, very fine, some four inches long, and quite white.

“Mr. Tull,” said Holmes, “how many persons sleep in this house?”

“Myself. My daughter Clara. Miss Marsh. Cook, and the girl.” He frowned. “Five.”

“And which of them has hair of this colour?”

Mr. Tull looked at the handkerchief, and I saw the blood leave his face entirely.

“None,” he said. “None of them. My wife had hair like that. My wife died in this room, Mr. Holmes, eleven years ago.” He swallowed. “At seventeen minutes past three.”

Somewhere above us, in the silence that followed, forty clocks went on ticking, and one did not.""",
            },
        ],
    },
    # ------------------------------------------------------------------
    # In progress, 1 of 3 chapters; Author Chose Not To Use Archive Warnings.
    {
        "author": "redshirt_survivor",
        "title": "Signal Loss",
        "gift_to": ["hailingfrequencies"],  # a member: told in her inbox, listed on her gifts page
        "summary": """\
A routine geological survey. A tunnel collapse. A communicator that can only transmit, never receive.

Kirk and Spock are forty meters underground with one broken arm between them, no working scanner, and a great many things they have never said out loud. Up on the Enterprise, Dr. McCoy is not being calm about any of it.""",
        "notes": "Chapters two and three are drafted and with my beta (thank you, hailingfrequencies!) so updates should be weekly-ish. I chose not to use the archive warnings because I don’t want to spoil the ending — if you need to know, there’s a spoiler in the end notes.",
        "end_notes": "SPOILER for the warnings, for anyone who needs it: nobody dies. Someone gets hurt fairly badly. Everybody goes home. ♥",
        "rating": "teen",
        "warnings": ["chose_not_to_warn"],
        "categories": ["mm"],
        "fandoms": ["Star Trek: The Original Series"],
        "relationships": ["James T. Kirk/Spock", "James T. Kirk & Leonard McCoy"],
        "characters": ["James T. Kirk", "Spock", "Leonard McCoy", "Montgomery Scott", "Nyota Uhura"],
        "tags": [
            "Pre-Slash",
            "Hurt/Comfort",
            "Stranded",
            "Trapped",
            "Injury",
            "Caves",
            "Slow Burn",
            "Worried McCoy",
        ],
        "language": "en",
        "expected_chapters": 3,
        "restricted": False,
        "draft": False,
        "days_ago": 6,
        "chapters": [
            {
                "title": "Forty Meters",
                "notes": "",
                "end_notes": "",
                "body": """\
The first thing Kirk knew was the dark, and the second thing was that he was not alone in it.

“Captain.” Spock’s voice, close and level. “Do not attempt to sit up.”

Naturally, he attempted to sit up. The world tilted, the back of his skull announced itself with a white bloom of pain, and a hand — long-fingered, unexpectedly warm — pressed flat against his chest and put him back down with no effort at all.

“I did ask,” Spock observed.

“You did.” Kirk breathed through his teeth until the cave stopped turning. “Status.”

“We are approximately forty meters below the survey site. The tunnel collapsed behind us at 1407 hours. It is now 1552.” A pause. “You have been unconscious for one hour and forty-five minutes, which is longer than I would have preferred.”

“Noted. The landing party—”

“Lieutenant Reyes and Ensign Okafor were on the surface when the collapse occurred. I have no reason to believe they were harmed.”

“But you don’t know.”

“I do not know,” Spock agreed quietly.

Kirk fumbled at his belt. His communicator was there; it flipped open with its familiar chirp, and the sound was so ordinary, so absurdly like the bridge, that he nearly laughed. “Kirk to Enterprise.”

Static.

“Kirk to Enterprise. Come in.”

“The rock above us is rich in a ferrous compound that scatters subspace transmissions,” Spock said. “I have attempted contact at eleven-minute intervals. I believe our signal may be partially reaching the ship. We cannot, however, receive.”

“So they might hear us.”

“Possibly. In fragments.”

“Then we talk.” Kirk held the communicator up toward a ceiling he couldn’t see. “Enterprise, this is the captain. Spock and I are alive, we’re underground, and we’d very much appreciate a ride. Scotty, don’t try to beam through the rock until you have a clean lock. Bones—” He hesitated. “Bones, I’m fine.”

“That is inaccurate,” said Spock.

“He can’t hear you.”

“Nevertheless.”

Kirk let the communicator fall to his chest. His eyes were adjusting: there was a faint greenish glow somewhere to his left, some phosphorescent growth on the wall, and against it the outline of Spock sitting upright with his back to the stone. He was holding his left arm very still across his body.

“Spock. Your arm.”

“Is broken. In two places, I believe.” It was said the way he might have reported a minor fluctuation in the port nacelle. “I have splinted it with the casing of the geological scanner. The scanner is no longer functional. I regret the loss of the data.”

“You regret the—” Kirk stopped. Started again, more gently. “Does it hurt?”

A silence. In the green dark he saw Spock turn his head toward him.

“Vulcans are able to suppress pain to a considerable degree,” Spock said.

“That isn’t what I asked.”

The silence lengthened. Somewhere far above them, rock shifted with a long, grinding groan, and a trickle of dust pattered down between them like dry rain. Kirk felt rather than saw Spock go still, and without thinking about it he reached out in the dark and found Spock’s good hand and held on.

Spock did not pull away.

“Yes,” he said at last, very low. “It hurts… Jim.”

Kirk tightened his grip. “Okay,” he said. “Okay. Then we wait together.”

Above them the mountain settled, and did not fall. Not yet.""",
            },
        ],
    },
    # ------------------------------------------------------------------
    # Mature (adult themes, nothing explicit), F/F, complete 2/2.
    {
        "author": "mrsbennetsnerves",
        "title": "Not Nothing",
        "summary": """\
When Elizabeth comes to Hunsford in the spring, Charlotte has arranged everything: the sitting room that faces away from the lane, the hours Mr. Collins spends in his garden, the careful, comfortable life of a woman who chose sensibly.

She had not arranged for Elizabeth.

Two chapters, one spring, thirty years of letters. Canon-compliant right up until it isn’t.""",
        "notes": "Rated M for frank discussion of marriage and what it asked of women in 1812, and for one night that happens firmly off the page. Nothing explicit. Thank you to hedgerowhedgehog for the beta, and for letting me cry about Charlotte Lucas at her for six months straight.",
        "end_notes": "",
        "rating": "mature",
        "warnings": ["none_apply"],
        "categories": ["ff", "fm"],
        "fandoms": ["Pride and Prejudice - Jane Austen"],
        "relationships": ["Charlotte Lucas/Elizabeth Bennet", "Charlotte Lucas/William Collins"],
        "characters": [
            "Charlotte Lucas",
            "Elizabeth Bennet",
            "William Collins",
            "Maria Lucas",
            "Lady Catherine de Bourgh",
        ],
        "tags": [
            "Femslash",
            "Mutual Pining",
            "Marriage of Convenience",
            "Unhappy Marriage",
            "Adultery",
            "Implied/Referenced Sex",
            "Period-Typical Attitudes",
            "Letters",
            "Bittersweet",
            "Hopeful Ending",
        ],
        "language": "en",
        "expected_chapters": 2,
        "restricted": False,
        "draft": False,
        "days_ago": 210,
        "chapters": [
            {
                "title": "Thursdays",
                "notes": "",
                "end_notes": "",
                "body": """\
Charlotte had chosen the back sitting room for its light, and for the fact that it looked out over nothing in particular: a strip of lawn, a wall, the tops of some elms that belonged to Rosings and therefore, in a sense, to Lady Catherine. Mr. Collins preferred the front room, where he could watch the lane. She had never once suggested he do otherwise.

“It is very quiet,” Elizabeth said on her first evening, standing at the window with her arms folded as though she were cold.

“That is its chief recommendation.” Charlotte poured the tea. “You will think me very dull.”

“I have never thought you dull in my life.”

“Then you will think me changed.”

Elizabeth turned. The candles had not yet been lit, and the last of the daylight came in sideways, catching the edge of her cheek and the loose curl that had escaped at her temple. Charlotte looked at the teapot.

“Are you?” Elizabeth asked. “Changed?”

“I am a married woman, Eliza. It would be odd if I were not.”

It was meant to end the subject, and for a week it did. They walked in the lanes when the weather allowed and sat in the back room when it did not. They dined at Rosings and were instructed in their faults. Maria wrote long letters home in which, Charlotte suspected, the chimney-pieces figured more largely than the company. And Mr. Collins was, as ever, everywhere and nowhere: at his books, in his garden, at the great house, bowing.

On the eighth night Elizabeth, undressing in the little room above the stairs, heard the door of the principal bedchamber open and close, and the murmur of his voice, and Charlotte’s quiet answer, and after that nothing she wished to name.

The next morning she could not meet Charlotte’s eye across the breakfast table, and Charlotte, who had known her since they were girls and missed nothing, waited until Mr. Collins had gone out to his bees before she set down her cup.

“You heard,” she said.

Elizabeth flushed to the roots of her hair. “I did not mean— The walls are very thin.”

“They are. I have asked him to see to it.” Charlotte folded her napkin into a neat square, and then into a smaller one. “You need not look so stricken. It is Thursday. It is always Thursday. He is considerate, in his fashion, and it is soon over, and I think of other things.”

“Charlotte.”

“You know what I wanted when I accepted him. A house of my own, a little money, and not to be a charge upon my brothers when my father dies. I have all three.” Her voice was perfectly even. “Thursdays are the cost of them. I knew the cost before I agreed to it. Most women do.”

Elizabeth reached across the table and covered Charlotte’s hands with her own, stilling the napkin.

“What do you think of?” she asked quietly. “On Thursdays.”

Charlotte looked at their hands for a long moment. Outside, very faintly, she could hear her husband talking to the bees, telling them the news of the parish, as though they cared.

“I would rather not say,” she said, and drew her hands away, and rang for more hot water.""",
            },
            {
                "title": "Not Nothing",
                "notes": "",
                "end_notes": "I know it isn’t the happiest of endings, but I couldn’t give them more without lying about 1812. In my head they grow old writing to each other and Charlotte outlives everyone out of pure spite. Thank you for reading ♥",
                "body": """\
Mr. Darcy proposed on a Wednesday, and on the Thursday Mr. Collins went to Sevenoaks for the archdeacon’s visitation and did not come back.

That is, he did not come back that night. He was to sleep at the inn and return in the morning, and he left a great many instructions about the hens, and Charlotte stood at the gate and watched the gig out of sight with an expression Elizabeth could not read.

“You refused him,” Charlotte said that evening. They were in the back room. She had opened a bottle of her husband’s claret, which she had never done before, and poured two glasses with a steady hand.

“How can you possibly know that?”

“Because you came in yesterday looking as though you had fought a battle and won it, and he left Rosings this morning looking as though he had fought the same battle and lost.” Charlotte handed her a glass. “Ten thousand a year, Eliza.”

“I should not care if it were ten times that. I could not respect him, and I will not marry a man I cannot respect.”

“No,” Charlotte said. “You will not.” She drank. “That is the difference between us.”

“That is not—” Elizabeth set her glass down too hard. “Charlotte, I did not mean it as a reproach.”

“I know you did not.” Charlotte looked at her over the rim of her glass, and something in her face had come loose, the way a pinned curl comes loose at the end of a long evening. “Shall I tell you what I think of, on Thursdays?”

The fire ticked. Elizabeth found that she could not speak.

“I think of the summer we were fifteen,” said Charlotte, “when you fell asleep in the orchard at Lucas Lodge with your head in my lap, and I did not move for two hours, though my foot went quite dead, because I did not want you to wake. I think of that. I have thought of it for a long time. I believed that if I married, I might stop.”

“And have you?”

“It is Thursday,” Charlotte said simply, “and he is in Sevenoaks, and you are here.”

Elizabeth crossed the little room in three steps. Afterward she could never remember whether she had knelt beside Charlotte’s chair or whether Charlotte had risen to meet her; only that the claret tasted of blackberries on Charlotte’s mouth, and that Charlotte’s hands, which were always so busy, were for once perfectly still against her face.

The candles burned down. Neither of them rose to replace them.

In the morning there was a gig in the lane, and a great deal of news about the archdeacon, and Charlotte poured her husband’s tea exactly as she always did. Only once, passing behind Elizabeth’s chair, did she let her fingers rest on Elizabeth’s shoulder — light as a moth, and gone.

Elizabeth left Hunsford a week later. At the gate, with Maria already in the carriage and Mr. Collins in the middle of a speech, Charlotte pressed a letter into her hand.

“Do not read it until Bromley,” she said.

Elizabeth read it before the first change of horses, which was as long as she could bear. It said very little: the hens, the weather, Lady Catherine’s opinion of the new curate. But at the bottom, below the signature, in a smaller hand, it said: Write to me every week. I shall keep them all. It is not nothing, Eliza. It is not nothing at all.

She wrote that night, from the inn. She did not stop for thirty years.""",
            },
        ],
    },
    # ------------------------------------------------------------------
    # Restricted to logged-in readers. Modern AU, complete 2/2.
    {
        "author": "mrsbennetsnerves",
        "pseud": "Flat White Bennet",
        "title": "Adequate",
        "summary": """\
Elizabeth Bennet has worked the morning shift at Longbourn Coffee for two years and has never once gotten an order wrong. Then a man in a very expensive coat calls her flat white “adequate” in front of the entire line.

It’s war. Unfortunately, he keeps coming back.

Modern coffee shop AU. Enemies to lovers, but mostly the first part.""",
        "notes": "Locked to logged-in users because I am shy and because my sister has found this site. Hi, Jen. Stop it.",
        "end_notes": "",
        "rating": "teen",
        "warnings": ["none_apply"],
        "categories": ["fm"],
        "fandoms": ["Pride and Prejudice - Jane Austen"],
        "relationships": [
            "Elizabeth Bennet/Fitzwilliam Darcy",
            "Charles Bingley/Jane Bennet",
            "Charlotte Lucas & Elizabeth Bennet",
        ],
        "characters": [
            "Elizabeth Bennet",
            "Fitzwilliam Darcy",
            "Jane Bennet",
            "Charles Bingley",
            "Charlotte Lucas",
            "Lydia Bennet",
        ],
        "tags": [
            "Alternate Universe - Modern Setting",
            "Alternate Universe - Coffee Shops & Cafés",
            "Enemies to Lovers",
            "Baristas",
            "Fluff",
            "Humor",
            "Rain",
            "Happy Ending",
        ],
        "language": "en",
        "expected_chapters": 2,
        "restricted": True,
        "draft": False,
        "days_ago": 75,
        "chapters": [
            {
                "title": "Adequate",
                "notes": "",
                "end_notes": "",
                "body": """\
The man in the charcoal coat came in at 7:42, which was the worst possible time to come into Longbourn Coffee, because at 7:42 the line went out the door and Lydia was on register and the milk steamer had started making the noise Charlotte called “the dying goose.”

Elizabeth noticed him anyway. It was hard not to. He was tall in a way that seemed deliberate, and he stood in line with his phone held out in front of him like a shield, and when he finally reached the counter he looked at the chalkboard menu the way other people look at a parking ticket.

“Flat white,” he said. “Whole milk. Please.”

The please came late, as if he’d remembered it halfway through.

Elizabeth made it herself. She made it well; she always did. She pulled the shot, she steamed the milk to exactly the right glossy silk, and she poured a small, neat rosetta on top, because she was a professional and because she was, honestly, showing off a little.

He took it without looking at her. He took a sip standing right there at the end of the counter, beside his friend — a warm, golden sort of man who had already introduced himself to Jane at the pastry case and was now asking about her favorite muffin with alarming sincerity.

“Well?” said the golden friend.

The man in the charcoal coat considered the cup.

“It’s adequate,” he said. “I suppose. Not enough to make me come back across town for it.”

He said it at a perfectly normal volume. He said it in the small, horrible pause just after the steamer stopped screaming, so that the entire line heard it, and Lydia heard it, and Charlotte, who was restocking lids, dropped a whole sleeve of them on the floor.

Elizabeth smiled at him. It was her best customer-service smile. Charlotte had once said it could strip paint.

“Have a great day,” she said.

He had the grace, at least, to look briefly startled, as though he hadn’t realized the coffee came with a person attached. Then the golden friend was steering him toward the door, and they were gone, and the bell jingled cheerfully behind them.

“Adequate,” said Lydia, delighted. “Lizzy. He said adequate.”

“I heard him.”

“Are you going to spit in it next time?”

“There isn’t going to be a next time. He said so himself.” Elizabeth wiped down the steam wand with more force than it strictly needed. “He’ll go back to whatever forty-dollar pour-over place he crawled out of, and I’ll never have to think about him again.”

Charlotte picked up the last of the lids. “His friend got Jane’s number.”

Elizabeth turned around.

At the pastry case, Jane was holding a napkin with a phone number on it and looking at it as if it were a small, surprising bird.

“Oh, no,” said Elizabeth.

“Oh, yes,” said Charlotte, and went to put the kettle on.""",
            },
            {
                "title": "I Get Off at Two",
                "notes": "",
                "end_notes": "The end! Thank you for reading my self-indulgent coffee nonsense. Yes, I was a barista for four years. Yes, someone once called my latte ‘adequate.’ No, I did not marry him.",
                "body": """\
He came back on Thursday.

He came back the Thursday after that, too, and the Monday, and by the third week Elizabeth had stopped pretending to be surprised when the bell jingled at 7:42 and the charcoal coat came through the door. Bingley — the golden friend had a name, and a standing Friday date with Jane, and a habit of saying “wow” about baked goods — usually came with him. Sometimes he didn’t.

His own name was Darcy. He’d told Lydia, who wrote it on his cup every morning as DARSEE, with a little pair of devil horns.

“Flat white,” he said every time.

“Whole milk,” Elizabeth said every time, before he could. “Please.”

And every time he paid, and took the cup, and drank the first sip right there at the end of the counter as though he were conducting an experiment, and said absolutely nothing about it at all.

“It’s a power move,” Lydia said. “He’s going to review us online.”

“He is not going to review us online.”

“He’s going to write ‘adequate’ and give us three stars.”

“He doesn’t look like a man who knows what the internet is.”

On a Tuesday in late October it rained so hard that nobody came in at all, except Darcy, who arrived at 7:42 without an umbrella, looking like a very well-dressed heron who had been personally betrayed by the weather.

Elizabeth made his flat white. She poured the rosetta. She hesitated, and then, because the shop was empty and Charlotte was in the back and she was tired of the silence, she said, “Can I ask you something?”

He looked up. His hair was plastered to his forehead. It made him look younger, and much less like a parking ticket.

“You said it wasn’t worth coming across town for,” she said. “So why do you keep coming across town?”

Darcy was quiet for so long that she thought he wasn’t going to answer. Then he set the cup down on the counter between them, very carefully, as if it might spill something other than coffee.

“The first day I came in,” he said, “I’d just come from the hospital. My sister had… it doesn’t matter. She’s fine now. But I hadn’t slept, and Bingley dragged me out, and I was—” He exhaled. “I was rude to you. In front of everyone. And you smiled at me like you wanted to set me on fire, and then you told me to have a great day, and I realized you meant it anyway. A little.”

“I didn’t mean it at all.”

“A little,” he said again, and the corner of his mouth moved.

Elizabeth folded her arms. “So this is what, three weeks of penance?”

“It started that way.” He picked the cup back up, looked at the rosetta, and then — finally — at her. “It’s a very good flat white, Elizabeth. It was a very good flat white the first day. I’m sorry I said otherwise.”

Outside, the rain kept coming down in sheets. Somewhere in the back, Charlotte had gone suspiciously quiet.

Elizabeth took a marker from her apron pocket, took the cup out of his hand, and wrote on the side, under Lydia’s devil horns, in small neat capitals: I GET OFF AT TWO.

She handed it back.

Darcy read it. Read it again. Something happened to his face that she would have paid good money to photograph.

“Adequate,” he said faintly.

“Don’t push it,” said Elizabeth, and went to mop the floor.""",
            },
        ],
    },
    # ------------------------------------------------------------------
    # Draft: never posted, only the author sees it.
    {
        "author": "starshollowsnow",
        "title": "Snow Day (working title)",
        "summary": """\
Stars Hollow gets three feet of snow overnight, the power is out, and Lorelai’s coffee maker is dead. Luke’s is closed. The lights are on anyway.

(summary TBD — make it less boring before posting!!)""",
        "notes": "NOTE TO SELF: do not post until the ending works. Two chapters, maybe? Rory comes home and figures it out? Ask lanesdrumkit about the timeline.",
        "end_notes": "",
        "rating": "general",
        "warnings": ["none_apply"],
        "categories": ["fm"],
        "fandoms": ["Gilmore Girls"],
        "relationships": ["Lorelai Gilmore/Luke Danes"],
        "characters": ["Lorelai Gilmore", "Luke Danes", "Rory Gilmore", "Kirk Gleason"],
        "tags": [
            "Fluff",
            "Snow",
            "Snowed In",
            "Pre-Relationship",
            "Coffee",
            "Early Seasons",
        ],
        "language": "en",
        "expected_chapters": None,
        "restricted": False,
        "draft": True,
        "days_ago": 2,
        "chapters": [
            {
                "title": "",
                "notes": "",
                "end_notes": "",
                "body": """\
Lorelai Gilmore had smelled snow coming for three days, and for three days nobody had believed her.

“You can’t smell snow,” Rory had said, at breakfast, at dinner, and again at breakfast. “Snow is frozen water. Water doesn’t smell like anything.”

“Tell that to my nose. My nose called the blizzard of ’96. My nose called Dean’s haircut a full week before it happened. My nose, Rory, knows.”

On Saturday morning Lorelai opened the front door and a wall of white fell into the hallway up to her knees.

“Rory!” she called up the stairs. “Come look at my nose’s work!”

There was no answer. Rory was at Paris’s for a study weekend and had probably been awake since five, color-coding something. [wait — would Rory go to Paris’s this early on?? fix timeline or move this to season two]

Lorelai stood in the doorway in her pajamas and her coat and one boot, and surveyed a Stars Hollow that had been erased overnight. The street was gone. The cars were gone. The gazebo was a suggestion of a gazebo, a white lump with opinions. Somewhere, very faintly, a snowplow was failing to start.

She went back inside and flipped on the coffee maker.

Nothing happened.

She flipped it off and on again. She unplugged it and plugged it back in. She said a few words to it that she would not have wanted Rory to hear, and then a few more, and then she looked at the clock on the microwave, which was dark, and understood that the power was out and had been out for some time, and that she was alone in a snowbound house with no caffeine and no hope.

It took her forty minutes to get to Luke’s. It was normally a six-minute walk.

The sign on the door said CLOSED. The lights inside were on.

She knocked. She knocked again. She pressed her face to the glass and fogged it up and drew a sad face in the fog, and after a moment Luke appeared on the other side of it in flannel and a deep scowl, with a dish towel over his shoulder.

“We’re closed,” he said through the glass.

“Your lights are on.”

“I have a generator. I live here.”

“Your coffee maker is on. I can see it, Luke. It’s making coffee. It’s gurgling at me.”

“That’s my coffee.”

“That’s a twelve-cup pot. Are you going to drink twelve cups?”

He looked at the pot. He looked at her — snow up to the knees of her pajama pants, hat on crooked, the sad face still fading on the glass between them — and something in the scowl gave way, the way it always eventually did, though she had never once been able to predict when.

He unlocked the door.

“One cup,” he said.

“Two.”

“One, and you sit at the counter, and you don’t tell anyone I was open, because if Kirk finds out he’ll want pancakes.”

“Deal.” She stamped the snow off her boot and climbed onto her usual stool, and he poured, and she wrapped both hands around the mug and breathed in, and for a moment the world was exactly right.

“Why’d you make a whole pot?” she asked, when she could speak again.

Luke wiped the counter, which was already clean.

“No reason,” he said.

[need a better last line here… callback to the nose?]""",
            },
        ],
    },
    # ------------------------------------------------------------------
    # One-shot with no notes at all.
    {
        "author": "irregular221b",
        "title": "Thirty-One Days",
        "summary": """\
Holmes has been back in Baker Street for a month. Watson has not yet asked him the one question that matters.

Tonight it is raining, the fire is low, and he finally does.""",
        "notes": "",
        "end_notes": "",
        "rating": "teen",
        "warnings": ["none_apply"],
        "categories": ["mm"],
        "fandoms": ["Sherlock Holmes - Arthur Conan Doyle"],
        "relationships": ["Sherlock Holmes/John Watson"],
        "characters": ["Sherlock Holmes", "John Watson", "Mrs. Hudson", "Mycroft Holmes"],
        "tags": [
            "Post-Hiatus",
            "Hurt/Comfort",
            "Angst with a Happy Ending",
            "First Kiss",
            "Grief/Mourning",
            "Love Confessions",
            "Rain",
            "One Shot",
        ],
        "language": "en",
        "expected_chapters": 1,
        "restricted": False,
        "draft": False,
        "days_ago": 320,
        "chapters": [
            {
                "title": "",
                "notes": "",
                "end_notes": "",
                "body": """\
Holmes had been back for thirty-one days, and Watson had counted every one of them.

He had not meant to count. It had simply happened, the way one’s tongue returns again and again to the place where a tooth used to be. He woke in the mornings and there was Holmes at the breakfast table, thinner than he ought to be, browner than London allowed, reading three newspapers at once; and some part of Watson’s mind said thirty-one, quite calmly, like a clerk making an entry in a ledger.

They had not spoken of it. Not properly. There had been that first evening, of course, and the business that followed it, and Watson’s own hands shaking so badly he could hardly hold his glass. There had been explanations, briskly given, full of place-names and dates. There had been Mycroft, who had known all along, and whom Watson had not yet entirely forgiven.

But there had been no reckoning. Watson had not asked. He had found, to his own surprise, that he was afraid of the answer.

Tonight it was raining, and Mrs. Hudson had gone up early, and the fire had burned down to a red glow. Holmes sat in his old chair with the violin across his knees, not playing it, only turning the pegs one by one as though tuning it for a concert that would never begin.

“You may as well ask,” Holmes said, without looking up. “You have been composing the question for a month. You wear it like a coat.”

Watson set down his book. “Very well. Why?”

“I explained—”

“You explained why you had to disappear. You did not explain why you could not tell me.” He heard his voice crack and was ashamed of it, and went on regardless. “Your brother knew. Your brother, whom you see perhaps four times a year. And I wrote it all down for the public, every word, as if that would help. Three years, Holmes. Did you think I could not be trusted?”

Holmes’s hands went still upon the violin.

“I thought,” he said slowly, “that you could be trusted with anything in the world except that.”

“I don’t understand you.”

“No.” Holmes set the instrument aside and, for the first time that evening, looked at him directly. In the dim light his face was stripped of all its usual sharpness. “Had you known I was alive, you would have come. You would have left your practice and your patients and your whole life and followed me into every kind of danger, and nothing I could say would have stopped you. You would have been killed. I could calculate a great many things in those years, Watson. I could not calculate a world in which you died on my account.” He paused. “So I let you grieve. It was the cruellest thing I have ever done. I did it every day.”

The rain ran down the window. Below, a cab went by, its wheels hissing on the wet street.

“You are an idiot,” Watson said unsteadily.

“Yes.”

“A brilliant, arrogant, impossible idiot.”

“I am aware.”

Watson stood. He did not know what he meant to do until he had crossed the hearthrug and was standing over Holmes’s chair, and Holmes was looking up at him with an expression Watson had never once seen in all their years together — uncertain, and open, and very young.

“Never again,” Watson said.

“Never,” said Holmes, and reached up, and took his hand.

It was Watson who bent down. Afterward he was quite sure of that, and rather proud of it. Holmes’s mouth was warm and tasted of tobacco, and the fire settled in the grate with a sound like a sigh, and in the ledger at the back of Watson’s mind the clerk laid down his pen, and closed the book, and stopped counting.""",
            },
        ],
    },
    # ------------------------------------------------------------------
    # F/F one-shot with notes.
    {
        "author": "hailingfrequencies",
        "title": "0300",
        "summary": """\
Christine Chapel has been on the night rotation in sickbay for six weeks. Nyota Uhura has been singing in an empty rec room at three in the morning for six weeks. Neither of them is sleeping, and both of them have noticed.

One-shot. Soft. Somebody gets serenaded.""",
        "notes": "Written for the Starfleet Ladies ficathon — the prompt was “singing in an empty room.” Thank you to redshirt_survivor for the beta, and for talking me out of my first title, which was a pun so bad I refuse to repeat it here.",
        "end_notes": "Thanks for reading! They deserved so many more scenes together and I will be writing them forever, apparently.",
        "rating": "general",
        "warnings": ["none_apply"],
        "categories": ["ff"],
        "fandoms": ["Star Trek: The Original Series"],
        "relationships": ["Christine Chapel/Nyota Uhura"],
        "characters": ["Christine Chapel", "Nyota Uhura", "Leonard McCoy"],
        "tags": [
            "Fluff",
            "Friends to Lovers",
            "Insomnia",
            "Singing",
            "Night Shift",
            "Hand Holding",
            "Femslash",
            "Ficathon",
        ],
        "language": "en",
        "expected_chapters": 1,
        "restricted": False,
        "draft": False,
        "days_ago": 45,
        "chapters": [
            {
                "title": "0300",
                "notes": "",
                "end_notes": "",
                "body": """\
The rec room on deck six was supposed to be empty at 0300. That was the whole point of it.

Christine had found it by accident in her first week on the night rotation, wandering the corridors on her break because sickbay at that hour was so quiet it made her ears ring. She had been looking for a food slot that would produce something other than soup. What she found instead was the door to rec room 6-C sliding open on a dim, blue-lit space, and Lieutenant Uhura sitting alone on the back of a couch with her boots on the cushions, singing.

Not loudly. Not for anyone. Just singing, low and unhurried, in a language Christine didn’t know, with her eyes half-closed and one hand keeping time against her knee.

Christine had backed out before Uhura could see her. She’d come back the next night, and stood in the corridor outside the door, and listened. And the night after that.

Six weeks, now. She was fairly sure it was becoming a problem.

“You know,” said Uhura, on the forty-third night, without opening her eyes, “you could just come in.”

Christine froze in the doorway. “I… sorry. I didn’t mean—”

“You’ve been standing out there every night since the Rigel run. I’m a communications officer, Christine. Listening is the job.” Uhura opened her eyes and smiled, and it was not an angry smile at all. “Come and sit. You’re letting the cold in.”

Christine came and sat. Not on the back of the couch — she wasn’t that brave — but on the cushion beside Uhura’s boots, with her hands folded in her lap like a cadet called in to see the captain.

“What was the song?” she asked, because she had to say something.

“A lullaby. My grandmother used to sing it.” Uhura tipped her head back against the wall. “I can’t sleep on this rotation. Never could. So I come here and sing until I’m tired enough. It’s cheaper than whatever Dr. McCoy would give me.”

“He’d give you a lecture,” Christine said. “And then the same hypo he gives everyone.”

Uhura laughed — a real laugh, surprised out of her — and it echoed in the empty room, and Christine felt it land somewhere under her ribs and stay there.

“And you?” Uhura asked. “Why aren’t you sleeping?”

Christine looked at her hands. She could have said a dozen true things: that the ship hums differently at night, that sickbay is too quiet, that she keeps dreaming about the ones she couldn’t save. She said the truest one instead, because it was three in the morning and the room was blue and dim and she was very, very tired of not saying it.

“I keep coming to listen to you,” she said.

The silence that followed went on long enough that Christine began, quite seriously, to draft a transfer request in her head.

Then Uhura slid down off the back of the couch, so that they were sitting side by side, shoulder to shoulder. She didn’t say anything. She simply began to sing again, very softly, the same lullaby, and after the first verse she reached over and laced her fingers through Christine’s and held on.

Christine closed her eyes.

She slept that night, for the first time in six weeks. She woke at 0500 with her head on Uhura’s shoulder and a crick in her neck and Uhura’s hand still in hers, and Uhura said, very quietly, “Same time tomorrow?”

“Same time,” said Christine, and meant every night after that.""",
            },
        ],
    },
    # ------------------------------------------------------------------
    # Crossover, Gen, complete 2/2.
    {
        "author": "redshirt_survivor",
        "title": "The Adventure of the Impossible Lodgers",
        "summary": """\
A transporter accident drops Captain Kirk and Mr. Spock into London in 1895, with no money, no communicators, and one very conspicuous pair of ears.

They need lodgings. They need parts. Above all, they need to avoid the attention of anyone too observant.

So naturally they take rooms directly across the street from 221B Baker Street.""",
        "notes": "Written for the Crossover Chaos fest! Yes, I know this has been done before. No, I will not be stopped. Set vaguely after the Guardian of Forever business on the Trek side and vaguely after Holmes comes back from the dead on the other.",
        "end_notes": "",
        "rating": "general",
        "warnings": ["none_apply"],
        "categories": ["gen"],
        "fandoms": ["Star Trek: The Original Series", "Sherlock Holmes - Arthur Conan Doyle"],
        "relationships": [
            "Sherlock Holmes & Spock",
            "James T. Kirk & John Watson",
            "James T. Kirk & Spock",
            "Sherlock Holmes & John Watson",
        ],
        "characters": ["Spock", "James T. Kirk", "Sherlock Holmes", "John Watson"],
        "tags": [
            "Crossover",
            "Time Travel",
            "Victorian London",
            "Fish out of Water",
            "Humor",
            "Friendship",
            "Mutual Admiration",
            "Spock Being Spock",
        ],
        "language": "en",
        "expected_chapters": 2,
        "restricted": False,
        "draft": False,
        "days_ago": 95,
        "chapters": [
            {
                "title": "Across the Street",
                "notes": "",
                "end_notes": "",
                "body": """\
“I want to state for the record,” said Captain James T. Kirk, “that this was not my idea.”

“Noted, Captain.” Spock did not look up from the workbench, which was in fact a washstand with a towel spread over it. “Although I would point out that the choice of lodgings was yours.”

“It was the only room in London that took cash in advance and didn’t ask questions.”

“It was the only room in London,” Spock said, “that faces directly onto 221B Baker Street.”

Kirk went to the window and twitched the curtain aside. Across the street, behind a first-floor window blurred by rain, a tall, thin figure was pacing back and forth with the regularity of a metronome.

“Coincidence,” Kirk said.

“I do not believe in coincidence of that magnitude.” Spock adjusted something in the tangle of copper wire, watch springs and a disassembled magic lantern that he was, apparently, turning into a tricorder. The knitted cap Kirk had bought him from a street vendor sat slightly askew over his ears. “I believe you wished to see him.”

“Spock, I’m a starship captain. I don’t have childhood heroes.”

“You keep an antique edition of The Hound of the Baskervilles in your quarters, in a sealed display case.”

“That’s an investment.”

“You read it in the turbolift.”

Kirk let the curtain fall. “Just fix the thing, Mr. Spock.”

They had been in 1895 for four days. The accident — an ion storm, a faulty pattern buffer, the kind of improbable cascade Scotty would be apologizing for all month — had deposited them in an alley near Marylebone station with their uniforms, their phasers, and nothing else of use. Their communicators had not survived the trip. The Enterprise, if she was looking for them, was looking nearly four centuries away.

Spock’s calculations suggested that the rift which had brought them here would reopen, briefly, in six days. To use it, they needed a device that could find it. To build the device, they needed a great many things that 1895 did not supply.

So far they had a magic lantern, three pocket watches, and a remarkable quantity of copper wire. Spock had not explained where the wire came from, and Kirk had decided not to ask.

Someone knocked at the door.

Kirk and Spock looked at each other. Nobody knew they were here. The landlady was deaf in one ear and had been paid generously not to use the other.

The knock came again, brisk and impatient.

Kirk opened the door. The man on the landing was tall and narrow, with a sharp, pale face and eyes like a hawk’s, and he was looking past Kirk — straight past him — at Spock.

“Good afternoon,” said Mr. Sherlock Holmes. “Forgive the intrusion. I have been watching your window for three days, and I find I can no longer bear it.”

“Bear what?” Kirk asked carefully.

“Not knowing.” Holmes stepped in uninvited and stopped before the washstand, and regarded the half-built device for a long, silent moment. Then he looked at Spock: at the cap, at the faint green flush along the cheekbones, at the long, exact hands.

“You are not from anywhere,” he said at last. “Not anywhere I know. And I know a great many places.” He turned to Kirk, and his eyes were bright with something very like delight. “Gentlemen, you are the most interesting thing that has happened to me in a year. Will you come across the street for tea? Dr. Watson is most anxious to meet you. He is convinced you are anarchists.”""",
            },
            {
                "title": "Tea at 221B",
                "notes": "A/N: Thank you all for the response to chapter one, wow! Here’s the rest. Spock and Holmes arguing about methodology is the entire reason this fic exists, so… enjoy.",
                "end_notes": "Thank you for reading! Special thanks to hailingfrequencies for the beta and for explaining, very gently, that quartz does not work that way. I have chosen to ignore her.",
                "body": """\
Dr. Watson did not think they were anarchists for very long. He thought it for precisely as long as it took Spock to remove his cap.

“Good Lord,” said Watson, and sat down rather suddenly on the settee.

“My colleague is from a long way off,” Kirk said. “Further than it looks.”

“I had assumed as much.” Holmes had taken up a position by the fireplace, one arm along the mantel, and was watching Spock with undisguised fascination. “Pray go on, Captain. Tell me nothing that would embarrass you, but tell me as much as you can.”

So Kirk told him. Not everything — not the Federation, not warp drive, not the long list of things that would happen to London in the next century — but enough. An accident. A long way from home. A door that would open for a few minutes in six days’ time, and a machine that could find it, if only they could finish building it.

“What do you lack?” Holmes asked when he had finished.

Spock answered. “A crystal of very pure quartz, cut to a precise frequency. I have calculated the specifications. I do not know where in this city such a thing might be obtained.”

Holmes smiled slowly. “I do.”

He was gone within the quarter hour, in a cloth cap and a coat that smelled of the river, and did not return until after dark. Kirk and Watson spent the intervening hours in the armchairs by the fire with a decanter of brandy, comparing notes.

“He does that,” Watson said. “Vanishes. One gets used to it.”

“Do you?”

Watson considered. “No,” he admitted. “But one learns to keep the fire going.”

Kirk looked over at Spock, who had retreated to Holmes’s chemistry table and was examining a rack of test tubes with an expression Kirk privately called his ‘Christmas morning’ face.

“I know the feeling,” he said, and Watson lifted his glass to him in a silent toast that needed no explaining.

Holmes came back at nine with a crystal wrapped in a silk handkerchief, and the next five days passed in a kind of joyful blur. Holmes and Spock worked at the chemistry table until two and three in the morning, talking in a rapid, clipped shorthand that neither Kirk nor Watson could follow; and when they argued, which was often, they argued with the deep pleasure of two people who had each privately believed they would never meet an equal.

“Your method is admirable, Mr. Spock,” Kirk heard Holmes say once, “but you are too fond of certainty.”

“And you, Mr. Holmes, are too fond of being right.”

A pause. “Touché.”

On the sixth night, in the alley near Marylebone, the device hummed and flickered, and the air in front of them began to fold in on itself like wet paper.

“I suppose,” said Watson, “I can never write about this.”

“I would prefer that you did not,” said Spock.

“Pity. It would have made a marvellous story.” Watson held out his hand, and Kirk shook it. “Look after him.”

“You too.”

Holmes and Spock did not shake hands. They regarded each other for a long moment in the strange, shifting light, and then Holmes inclined his head — a small, exact bow — and Spock returned it precisely.

“It has been,” said Holmes, “a most instructive week.”

“Indeed,” said Spock. “I shall not forget it.”

Then the light took them, and the alley was dark again, and Dr. Watson found that his friend was standing very still and looking at the empty place where the door had been.

“Come home, Holmes,” he said gently. “I’ll keep the fire going.”""",
            },
        ],
    },
    # ------------------------------------------------------------------
    # A translation of "0300", linked to its original (RELATED_WORKS, below).
    {
        "author": "redshirt_survivor",
        "title": "0300 (en français)",
        "summary": """\
Christine Chapel est de garde de nuit à l’infirmerie depuis six semaines. Depuis six semaines, Nyota Uhura chante dans une salle de détente vide à trois heures du matin. Aucune des deux ne dort, et chacune l’a remarqué.

Traduction française de « 0300 » de hailingfrequencies, avec son autorisation.""",
        "notes": "Traduit avec l’accord de hailingfrequencies, dont j’ai eu le plaisir d’être la bêta. Toutes les maladresses sont les miennes.",
        "end_notes": "",
        "rating": "general",
        "warnings": ["none_apply"],
        "categories": ["ff"],
        "fandoms": ["Star Trek: The Original Series"],
        "relationships": ["Christine Chapel/Nyota Uhura"],
        "characters": ["Christine Chapel", "Nyota Uhura", "Leonard McCoy"],
        "tags": ["Fluff", "Friends to Lovers", "Translation", "Night Shift"],
        "language": "fr",
        "expected_chapters": 1,
        "restricted": False,
        "draft": False,
        "days_ago": 20,
        "chapters": [
            {
                "title": "0300",
                "body": """\
La salle de détente du pont six était censée être vide à 0300. C’était tout l’intérêt.

Christine l’avait découverte par hasard pendant sa première semaine de garde de nuit, en errant dans les coursives pendant sa pause, parce qu’à cette heure-là l’infirmerie était si calme que ses oreilles bourdonnaient. Elle cherchait un distributeur qui lui donnerait autre chose que de la soupe. Ce qu’elle trouva, ce fut la porte de la salle 6-C qui s’ouvrait sur une pièce sombre baignée de bleu, et le lieutenant Uhura assise seule sur le dossier d’un canapé, les bottes sur les coussins, en train de chanter.

Pas fort. Pour personne. Elle chantait simplement, bas et sans hâte, dans une langue que Christine ne connaissait pas, les yeux mi-clos, une main battant la mesure contre son genou.

Christine avait reculé avant qu’Uhura ne la voie. Elle était revenue le lendemain soir, et elle était restée dans la coursive devant la porte, à écouter. Et le soir suivant.

Six semaines, maintenant. Elle était à peu près sûre que cela devenait un problème.

« Tu sais, dit Uhura, le quarante-troisième soir, sans ouvrir les yeux, tu pourrais simplement entrer. »

Christine se figea sur le seuil. « Je… pardon. Je ne voulais pas… »

« Tu restes là dehors tous les soirs depuis la mission sur Rigel. Je suis officier des communications, Christine. Écouter, c’est mon métier. » Uhura ouvrit les yeux et sourit, et ce n’était pas du tout un sourire fâché. « Viens t’asseoir. Tu laisses entrer le froid. »

Christine entra et s’assit. Pas sur le dossier du canapé — elle n’était pas si courageuse — mais sur le coussin à côté des bottes d’Uhura, les mains croisées sur les genoux comme une cadette convoquée chez le capitaine.

« C’était quoi, cette chanson ? » demanda-t-elle, parce qu’il fallait bien dire quelque chose.

« Une berceuse. Ma grand-mère la chantait. » Uhura appuya la tête contre la cloison. « Je n’arrive pas à dormir pendant cette rotation. Je n’y suis jamais arrivée. Alors je viens ici et je chante jusqu’à être assez fatiguée. Ça coûte moins cher que ce que le docteur McCoy me donnerait. »

« Il te ferait un sermon, dit Christine. Et ensuite le même hypospray qu’à tout le monde. »

Uhura rit — un vrai rire, qui lui échappa par surprise — et il résonna dans la pièce vide, et Christine le sentit se poser quelque part sous ses côtes et y rester.

« Et toi ? demanda Uhura. Pourquoi tu ne dors pas ? »

Christine regarda ses mains. Elle aurait pu dire une douzaine de choses vraies : que le vaisseau ne vibre pas de la même façon la nuit, que l’infirmerie est trop silencieuse, qu’elle rêve sans cesse de ceux qu’elle n’a pas pu sauver. Elle dit la plus vraie à la place, parce qu’il était trois heures du matin, que la pièce était bleue et sombre, et qu’elle était très, très fatiguée de ne pas la dire.

« Je n’arrête pas de venir t’écouter », dit-elle.

Le silence qui suivit dura assez longtemps pour que Christine commence, très sérieusement, à rédiger dans sa tête une demande de mutation.

Puis Uhura se laissa glisser du dossier du canapé, si bien qu’elles se retrouvèrent assises côte à côte, épaule contre épaule. Elle ne dit rien. Elle se remit simplement à chanter, tout doucement, la même berceuse, et après le premier couplet elle tendit la main, entrelaça ses doigts à ceux de Christine, et ne les lâcha plus.

Christine ferma les yeux.

Elle dormit cette nuit-là, pour la première fois depuis six semaines. Elle se réveilla à 0500, la tête sur l’épaule d’Uhura, un torticolis dans la nuque et la main d’Uhura toujours dans la sienne, et Uhura dit, très bas : « Même heure demain ? »

« Même heure », dit Christine, et elle le pensait pour toutes les nuits qui suivraient.""",
            },
        ],
    },
]

# Works naming what they were made from: a translation on this archive (its original's writer listed it), and
# an inspiration elsewhere (title, creator and address).
RELATED_WORKS = [
    {"work": "0300 (en français)", "kind": "translation", "parent": "0300", "approved": True},
    {
        "work": "The Adventure of the Forty-One Clocks",
        "kind": "inspired",
        "url": "https://www.gutenberg.org/ebooks/1661",
        "title": "The Adventures of Sherlock Holmes",
        "creator": "Arthur Conan Doyle",
    },
]

SERIES = [
    {
        "author": "mrsbennetsnerves",
        "title": "Charlotte Lucas Deserved Better",
        "summary": "Two stories, one stubborn conviction: Charlotte made the only sensible choice she had, and she deserves a story where sensible is not the same as settling.",
        "notes": "Each story stands alone, but they are best read in order.",
        "works": ["Not Nothing", "Adequate"],
    },
]

# Chapters written ahead and released by the worker ("post later"), days from the demo's loading.
SCHEDULED_CHAPTERS = [
    {
        "work": "Signal Loss",
        "in_days": 3,
        "title": "Pattern Buffer",
        "body": """\
The transporter room smelled of ozone and burnt coffee, which Scotty insisted was the smell of honest work.

“I can hold them in the buffer for ninety seconds,” he said, not looking up. “Maybe a hundred, if nobody breathes on the console.”

Spock did not breathe on the console. He stood at Scotty’s shoulder with his hands folded behind his back and watched the numbers fall, and if his knuckles had gone a shade paler than usual, nobody in the room was rude enough to say so.

“Signal’s there,” Scotty muttered. “Faint. Like someone whistling in the next valley.”

“Then we will listen harder,” Spock said.

Seventy seconds. Sixty. Somewhere beneath the static, very faintly, a voice that could only be Jim’s said something deeply inappropriate about Starfleet regulations, and Scotty laughed out loud.""",
    },
]

# The demo is wrangled like a living archive: fandoms filed under their media, canonical characters and
# relationships filed under their fandoms, a few synonyms (a ship nickname among them) and a meta tag.
MEDIA_OF_FANDOMS = {
    "Gilmore Girls": "TV Shows",
    "Star Trek: The Original Series": "TV Shows",
    "Sherlock Holmes - Arthur Conan Doyle": "Books & Literature",
    "Pride and Prejudice - Jane Austen": "Books & Literature",
}
SYNONYMS = [  # (a name readers and writers also use, its type, the canonical tag)
    ("Literati", "relationship", "Jess Mariano/Rory Gilmore"),
    ("Rory Gilmore/Jess Mariano", "relationship", "Jess Mariano/Rory Gilmore"),
    ("Java Junkie", "relationship", "Lorelai Gilmore/Luke Danes"),
    ("Spirk", "relationship", "James T. Kirk/Spock"),
    ("Johnlock", "relationship", "Sherlock Holmes/John Watson"),
    ("Rory", "character", "Rory Gilmore"),
    ("Bones", "character", "Leonard McCoy"),
    ("Lizzie Bennet", "character", "Elizabeth Bennet"),
]
META_TAGS = {  # meta tag: its sub-tags
    "Alternate Universe": [
        "Alternate Universe - Canon Divergence",
        "Alternate Universe - Modern Setting",
        "Alternate Universe - Coffee Shops & Cafés",
    ],
}
CANONICAL_ADDITIONAL_TAGS = [
    "Fluff",
    "Slow Burn",
    "Hurt/Comfort",
    "Angst with a Happy Ending",
    "First Kiss",
    "Mutual Pining",
    "Friendship",
    "Humor",
    "Crossover",
]
# Staff to try the wrangling and moderation pages with (same password as the authors).
STAFF = [
    {"username": "demo_wrangler", "email": "wrangler@demo.quire.invalid", "role": "wrangler"},
    {"username": "demo_moderator", "email": "moderator@demo.quire.invalid", "role": "moderator"},
]
# A news post from the staff at /admin_posts, with a reader's comment and the staff's reply.
NEWS = {
    "author": "demo_moderator",
    "title": "Welcome to the demo archive",
    "body": (
        "This archive is a **demo**: every work, review and reader in it was made up to show what Quire "
        "does.\n\nLog in as any demo author to post, review and bookmark; as `demo_moderator` to try the "
        "moderation queue, write news like this post and set the site banner. Comments below work like "
        "reviews on works: reply, report, and moderators can hide or delete."
    ),
    "comment": ("starshollowsnow", "Thank you for setting this up! Is the demo reset every day?"),
    "reply": "Not on its own: run `quire demo` again on an empty archive to start over.",
}
