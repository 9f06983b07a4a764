-- test/datagen/templates.sql -- message texts for the sample-data generator.
-- Loaded by generate.sql into the scratch table _tpl(kind, i, body).  Placeholders,
-- filled per message: {first_name} {agent} {link} {code}.  Inbound texts get extra
-- per-message variation in generate.sql (lower case, ALL CAPS, curly apostrophes,
-- dropped letters, an appended emoji, a trailing space).
--
-- kinds: camp  campaign (drip/blast) sends      fu   1:1 agent follow-ups
--        r1..r8 customer replies: 1 positive, 2 question, 3 thanks, 4 negative,
--               5 complaint, 6 STOP keyword, 7 natural-language opt-out, 8 other
--        a1..a8 agent answers to r1..r8 (a6 unused: STOP gets the automatic "auto")
--        auto  automatic STOP confirmation       fol  customer follow-up after an answer
--        ans2  agent answer to a follow-up
--        so/sm/sd  support: customer opening message / later message / quick double text
--        sa/sc     support: agent answer / agent closing answer
-- The lengths are chosen so that some campaign texts need 2-3 SMS segments, some use
-- GSM-7 extension characters (EUR sign, [ ] { } ~ ^ | \) and some are UCS-2 (emoji,
-- curly quotes, accents outside GSM-7).

INSERT INTO _tpl (kind, i, body)
SELECT k, o::int - 1, b
FROM (VALUES
('camp', ARRAY[
 'Hi {first_name}, it''s {agent} from Brightside. Your spring tune-up is due - want me to book you in? Reply YES or call us.',
 'Hi {first_name}! Spring sale: 20% off everything this weekend. Shop now: {link} Reply STOP to opt out.',
 '{first_name}, your exclusive code {code} expires Friday. Use it here: {link}',
 'Hey {first_name} 👋 just checking in - did you get a chance to look at the quote we sent?',
 'FLASH SALE ⚡ 30% off today only. {link}',
 'Hi {first_name}, we have openings tomorrow at 9am and 2pm. Would either work for you?',
 'Reminder: your appointment is on Thursday at 10:30. Reply C to confirm or R to reschedule.',
 'Hi {first_name}, thanks for signing up! Save €10 on your first order with code {code} - details: {link}',
 'Last chance, {first_name}! Our [VIP] pricing ends tonight at midnight. {link}',
 'Hi {first_name}, we noticed you left something in your cart. Complete your order here and get free shipping on orders over $50: {link} Questions? Just reply to this text and a real person will get back to you.',
 'Good morning {first_name}! ☀️ New arrivals just landed. Take a look: {link}',
 '{first_name}, quick question: on a scale of 1-5 how was your last visit? Just reply with a number.',
 'Hi {first_name}, it''s {agent} again. I don''t want to bug you, so this is my last text about the offer. Still interested?',
 'Our summer menu is here 🍓 Show this text for a free drink with any entree. Valid until 6/30.',
 'Hi {first_name}, your loyalty points balance is 1,250 pts {~ $12.50}. Redeem: {link}',
 'Hey {first_name}, we miss you! Come back this week and take 15% off with code {code}.',
 'Hi {first_name}, this is {agent} with Brightside Home Services. We are booking our fall maintenance visits now and I wanted to make sure you get a slot before the calendar fills up. The visit includes a full inspection, filter change and a written report. Would a weekday morning or afternoon suit you better? Reply with a day that works and I will hold it for you.',
 'Price drop alert: the item on your wishlist is now €49 (was €69). {link}',
 'Hi {first_name}! 🎉 Happy birthday from all of us. Here''s a treat: {code}',
 'Hi {first_name}, did you know you can now book online? {link} Or just reply here.',
 'Hi {first_name}, our team would love your feedback. Takes 1 min: {link}',
 'Members only: early access starts now. Use code {code} at checkout ^ limited stock | {link}',
 'Hi {first_name}, this is a reminder that your subscription renews on the 1st. Manage it here: {link}',
 'Hola {first_name}! ¿Necesita ayuda con su pedido? Responda a este mensaje.',
 'Hi {first_name}, we''re hosting a free workshop next Tuesday at 6pm. Seats are limited - reply YES to save yours!',
 'Hi {first_name} 🙂 we''ve got a couple of spots left for this Saturday. Want one?'
 ]),
('fu', ARRAY[
 'Hi {first_name}, it''s {agent}. Following up on your call earlier - anything else I can help with?',
 'Hey {first_name}, {agent} here. Just sent over the estimate, let me know what you think.',
 'Hi {first_name}, this is {agent} from Brightside. Are you still looking for a new plan?',
 '{first_name}, your order shipped today! Tracking: {link}',
 'Hi {first_name}, {agent} here. Can we move your appointment to 3pm?',
 'Hi {first_name}, thanks for stopping by today! Let me know if you have any questions.',
 'Hi {first_name}, just wanted to confirm we received your documents. We''ll be in touch soon.',
 'Hey {first_name}, {agent} here - do you have 5 min for a quick call today?',
 'Hi {first_name}, the part you ordered is in. When would you like to pick it up?',
 'Hi {first_name}, here is the link to the form we talked about: {link}'
 ]),
('r1', ARRAY['Yes','yes','YES!','Yes please','Sounds good','sounds good!','Sure','Yep','ok sounds great','Yes, tomorrow at 2 works','I''m interested','Absolutely','Yes I''d love that','Sure thing 👍','Y','Ok book me in','Perfect, thank you','yess']),
('r2', ARRAY['How much is it?','What time do you close?','Who is this?','Is this still available?','Can I come in on Saturday?','Do you take insurance?','how does that work','What''s the address?','Does the code work online too?','Can you call me instead?','What sizes do you have?','When does the sale end??','is there parking?','Can I reschedule to next week?','What''s included?']),
('r3', ARRAY['Thanks!','thank you','Thank you so much 🙏','thx','Thanks, got it','ty','Great, thanks!','Thanks for the reminder','Appreciate it','thank u']),
('r4', ARRAY['No','no thanks','Not interested','No thank you','nah','Not right now','Maybe later','No, I''m good','not at this time','I already have one']),
('r5', ARRAY['This is the third text this week','I never signed up for this','My order still hasn''t arrived 😡','Your service was terrible last time','Why was I charged twice?','You guys never answer the phone','I''ve been waiting 2 weeks!!!','this is ridiculous','Nobody showed up for my appointment','The code doesn''t work']),
('r6', ARRAY['STOP','Stop','stop','STOP.','Stop!','UNSUBSCRIBE','CANCEL','END','QUIT','STOPALL','stop ']),
('r7', ARRAY['please stop texting me','Take me off your list','Remove me','remove me from this list please','Stop texting me','Who is this? Stop texting me','Don''t text me again','Please don''t message me anymore','I don''t want these messages','unsubscribe me please','Wrong number, please remove','Leave me alone']),
('r8', ARRAY['👍','ok','Ok','k','👍🏽','❤️','?','Hmm','lol','🙏','Maybe','Idk']),
('a1', ARRAY['Great! I''ve booked you in. See you then, {first_name}!','Awesome, I''ll send the details shortly.','Perfect - you''re all set.','Wonderful! What day works best for you?','Great to hear! I''ll get that started now.','Love it. I''ll follow up with a confirmation.']),
('a2', ARRAY['Good question! It''s $89 for the standard visit.','We''re open until 7pm on weekdays and 5pm on Saturdays.','This is {agent} from Brightside - you signed up on our website.','Yes, it''s still available!','Yes we take most major plans. Which one do you have?','The code works online and in store.','Sure, I''ll give you a call in a few minutes.','We''re at 123 Main St, next to the bakery.','Let me check and get right back to you.']),
('a3', ARRAY['You''re welcome!','Anytime 🙂','Happy to help!','No problem, {first_name}.']),
('a4', ARRAY['No problem, thanks for letting us know.','Understood! We''re here if you need anything.','Got it, thanks {first_name}.']),
('a5', ARRAY['I''m so sorry about that, {first_name}. Let me look into it right now.','Sorry for the trouble! Can you send me your order number?','Apologies - I''ve refunded the duplicate charge. It should show in 3-5 days.','That''s not ok, I''m sorry. I''ll have a manager call you today.','Thanks for flagging this. I''ve updated your preferences.']),
('a7', ARRAY['Sorry about that - you''ve been removed and won''t receive further messages.','Done, we''ve taken you off the list. Sorry for the bother!','Understood, you''re unsubscribed.']),
('a8', ARRAY['😊','Let us know if you have any questions!','Thanks {first_name}!','Is there anything else I can help with?']),
('auto', ARRAY['You have successfully been unsubscribed. You will not receive any more messages from this number. Reply START to resubscribe.','You''re unsubscribed from Brightside alerts. No more messages will be sent. Reply HELP for help.']),
('fol', ARRAY['Ok great','What about Friday?','Thanks! One more question - do I need to bring anything?','perfect','Can you text me the address?','Sounds good, see you then','actually can we do 3 instead','Got it 👍','How long will it take?','Thank you!!']),
('ans2', ARRAY['Friday works too!','Nothing needed, just bring your ID.','Sure: 123 Main St.','3pm it is.','About an hour.','See you then!','You''re welcome 🙂']),
('so', ARRAY['Hi, I have a question about my bill','My package hasn''t arrived yet','Hello? Is anyone there','I need to change my appointment','How do I reset my password?','Hi can someone help me with my order #4471','The app keeps crashing when I try to pay','Do you have any openings today?','I was charged twice for the same order','Where can I find my invoice?','hi i need help','Is my order ready for pickup?','Can I return an item without the receipt?','I''d like to cancel my subscription','My technician didn''t show up','What are your hours on Sunday?','Hi! Quick question about your pricing','I can''t log in to my account','The heater you installed is making a weird noise','Can I pay over the phone?']),
('sm', ARRAY['Ok, I tried that and it still doesn''t work','It''s order 88213','Thanks. And when will it arrive?','That worked, thanks!','Still waiting...','Can you just call me?','Yes that''s the right address','No, the other card','Ok perfect','Here''s a photo','It says error 502','Great, thanks for the help!']),
('sd', ARRAY['?','Hello??','Also it''s urgent','and my email is jo@example.com','sorry, order #4471 not 4417','Anyone?','???','(it''s the blue one)']),
('sa', ARRAY['Hi! I''m {agent}, happy to help. Can you send me your order number?','Thanks for reaching out. Let me look into this for you.','I''ve reset it - please try again now.','Your package is out for delivery today.','I''ve moved your appointment to Thursday at 10am.','I see the duplicate charge and I''ve refunded it.','Can you tell me which device you''re using?','I''ll call you in 5 minutes.','Got it, thanks. One moment while I check.','Yes, we have 2pm open today. Want it?']),
('sc', ARRAY['Glad I could help! Have a great day, {first_name}.','You''re all set. Closing this out - just text back if anything else comes up.','Happy to help! 🙂','Done! Let us know if you need anything else.'])
) AS v(k, arr), unnest(v.arr) WITH ORDINALITY AS t(b, o);
