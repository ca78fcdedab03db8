-- What a member signs must never be a placeholder (issue 8). Each catalog item now says how its
-- text stands: the official wording ('official'), a summary in our own words that the document
-- marks as one ('summary'), or nothing but its number and the regulation's name ('reference',
-- no text). NULL is an item shipped before this rule that fits none of them (the placeholder
-- sentences of QĐ 37's unestablished articles): a year cannot open while it pins one.
--
-- Reviews record who confirmed on whose behalf, for the "T/M CHI ỦY / BÍ THƯ" block.

alter table catalog_items
	add column wording text constraint catalog_items_wording_check
		check (wording in ('official', 'summary', 'reference')),
	alter column text drop not null;

-- Classifying is not changing a text: the frozen-version guard stands aside for this one update.
alter table catalog_items disable trigger catalog_items_frozen_check;
update catalog_items set wording = case
	when verified then 'official'
	when text like 'Điều %: nội dung chưa được đối chiếu%' then null
	else 'summary' end;
alter table catalog_items enable trigger catalog_items_frozen_check;

alter table catalog_items
	-- Only official wording is verified; only a reference has no text.
	add constraint catalog_items_wording_verified_check check (wording is null or verified = (wording = 'official')),
	add constraint catalog_items_reference_text_check check (case when wording = 'reference' then text is null else text is not null end);

-- The corrected seed (domain §4): 1.5 and 3.6 end as far as their wording is established, with
-- "…"; QĐ 37's articles are summaries where their substance is established, references elsewhere.
create temporary table catalog_fixes (catalog text, code text, old_text text, wording text, text text);
insert into catalog_fixes values
	('manifestations', '1.5', 'Trong tự phê bình còn giấu giếm, không dám nhận khuyết điểm; khi có khuyết điểm thì thiếu thành khẩn, không tự giác nhận kỷ luật. Trong phê bình thì nể nang, né tránh, ngại va chạm, thấy đúng không bảo vệ, thấy sai không đấu tranh; lợi dụng phê bình để nịnh bợ, lấy lòng nhau.', 'summary',
		'Trong tự phê bình còn giấu giếm, không dám nhận khuyết điểm; khi có khuyết điểm thì thiếu thành khẩn, không tự giác nhận kỷ luật. Trong phê bình thì nể nang, né tránh, ngại va chạm, thấy đúng không bảo vệ, thấy sai không đấu tranh; lợi dụng phê bình để nịnh bợ, lấy lòng nhau …'),
	('manifestations', '3.6', 'Móc nối, cấu kết với các thế lực thù địch, phản động và các phần tử cơ hội, bất mãn chính trị để truyền bá tư tưởng, quan điểm đối lập.', 'summary',
		'Móc nối, cấu kết với các thế lực thù địch, phản động …'),
	('prohibitions', '1', 'Nói, viết, làm trái Cương lĩnh chính trị, Điều lệ Đảng, nghị quyết, chỉ thị, quy định, quyết định, kết luận của Đảng; làm những việc mà pháp luật không cho phép.', 'summary',
		'Nói, viết, làm trái hoặc không chấp hành Cương lĩnh chính trị, Điều lệ Đảng, nghị quyết, chỉ thị, quy định, quy chế, quyết định của Đảng; làm những việc pháp luật không cho phép.'),
	('prohibitions', '2', 'Vi phạm các nguyên tắc tổ chức và hoạt động của Đảng; tự ứng cử khi không được tổ chức đảng có thẩm quyền cho phép.', 'summary',
		'Không tuân thủ nguyên tắc tổ chức và hoạt động của Đảng; tự ứng cử, nhận đề cử, đề cử vào chức danh khi tổ chức đảng có thẩm quyền chưa đồng ý.'),
	('prohibitions', '3', 'Phủ nhận chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh; không gương mẫu; có biểu hiện chủ nghĩa cá nhân, cơ hội, "tư duy nhiệm kỳ"; "thấy đúng không bảo vệ, thấy sai không đấu tranh".', 'summary',
		'Phủ nhận, xuyên tạc chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh; không nêu gương; chủ nghĩa cá nhân, cơ hội, vụ lợi, "tư duy nhiệm kỳ", "đoàn kết xuôi chiều", "dân chủ hình thức", "thấy đúng không bảo vệ, thấy sai không đấu tranh"; độc đoán, chuyên quyền, quan liêu, xa dân.'),
	('prohibitions', '4', 'Làm lộ, làm mất thông tin, tài liệu bí mật; tán phát thông tin, tài liệu trái với quan điểm, đường lối của Đảng.', 'summary',
		'Cung cấp, làm lộ, làm mất bí mật của Đảng và Nhà nước hoặc thông tin chưa được phép công bố; lưu giữ, tuyên truyền, phát tán thông tin, quan điểm trái đường lối của Đảng, chính sách, pháp luật của Nhà nước.'),
	('prohibitions', '5', null, 'summary',
		'Tự viết hoặc cung cấp tài liệu cho người khác viết, đăng, xuất bản nội dung sai sự thật, vu khống, bịa đặt, kích động.'),
	('prohibitions', '6', null, 'summary',
		'Tố cáo bịa đặt, viết đơn giấu tên, mạo tên, kích động, lôi kéo người khác khiếu kiện; làm trái quy định về giải quyết khiếu nại, tố cáo; đe dọa, trù dập, trả thù người khiếu nại, tố cáo.'),
	('prohibitions', '7', null, 'summary',
		'Tổ chức, tham gia, kích động biểu tình, tụ tập đông người gây mất an ninh, trật tự.'),
	('prohibitions', '8', null, 'reference', null),
	('prohibitions', '9', 'Khai không trung thực về lý lịch, tài sản, bằng cấp; có quốc tịch nước ngoài hoặc tài sản ở nước ngoài trái quy định.', 'summary',
		'Khai lý lịch, tài sản, thu nhập không trung thực; dùng văn bằng, chứng chỉ, chứng nhận giả hoặc không hợp pháp; nhập quốc tịch nước ngoài, chuyển tiền, tài sản ra nước ngoài, mở tài khoản, mua bán tài sản ở nước ngoài trái quy định.'),
	('prohibitions', '10', null, 'reference', null),
	('prohibitions', '11', null, 'reference', null),
	('prohibitions', '12', null, 'reference', null),
	('prohibitions', '13', null, 'summary',
		'Lợi dụng ảnh hưởng để can thiệp, chi phối việc kiểm tra, giám sát, thanh tra, kiểm toán, điều tra, truy tố, xét xử, thi hành án, xét đặc xá, giải quyết khiếu nại, tố cáo nhằm bao che, tiếp tay cho sai phạm; gây sức ép, mua chuộc để giảm trách nhiệm cho người khác.'),
	('prohibitions', '14', 'Tham ô; đưa, nhận, môi giới hối lộ; rửa tiền.', 'summary',
		'Tham ô; đưa, nhận, môi giới hối lộ; tổ chức, tham gia, tạo điều kiện cho rửa tiền, cho vay, đi vay trái quy định.'),
	('prohibitions', '15', null, 'reference', null),
	('prohibitions', '16', null, 'reference', null),
	('prohibitions', '17', null, 'reference', null),
	('prohibitions', '18', null, 'reference', null),
	('prohibitions', '19', null, 'summary',
		'Mê tín, hoạt động mê tín; ủng hộ, tham gia tôn giáo bất hợp pháp; lợi dụng tôn giáo, tín ngưỡng để trục lợi.');

-- An item is corrected only while it still holds what the seed shipped (old_text; NULL: the
-- placeholder): a text the organization department has edited stays theirs. Each catalog's
-- latest version is corrected in place, or, when signed commitments froze it, in a new version
-- that years can pin.
do $$
declare
	v record;
	target integer;
begin
	for v in
		select distinct on (catalog) id, catalog, version, title, source, frozen_at
		from catalog_versions where catalog in ('manifestations', 'prohibitions')
		order by catalog, version desc
	loop
		if not exists (
			select 1 from catalog_items i join catalog_fixes f on f.catalog = v.catalog and f.code = i.code
			where i.version_id = v.id
				and (i.text = f.old_text or f.old_text is null and i.wording is null)
		) then
			continue;
		end if;
		target := v.id;
		if v.frozen_at is not null then
			insert into catalog_versions (catalog, version, title, source)
			values (v.catalog, v.version + 1, v.title, v.source) returning id into target;
			insert into catalog_items (version_id, code, position, group_title, area, text, verified, wording)
			select target, code, position, group_title, area, text, verified, wording
			from catalog_items where version_id = v.id order by position;
		end if;
		update catalog_items i set text = f.text, wording = f.wording, verified = false
		from catalog_fixes f
		where i.version_id = target and f.catalog = v.catalog and f.code = i.code
			and (i.text = f.old_text or f.old_text is null and i.wording is null);
	end loop;
end $$;

alter table commitment_reviews
	-- The confirmer's post in the cell (or on the committee above), and the body they confirmed for.
	add column reviewer_post text constraint commitment_reviews_reviewer_post_check
		check (reviewer_post in ('cell_secretary', 'cell_deputy_secretary', 'grassroots_committee_member', 'bloc_standing_committee')),
	add column on_behalf_of text constraint commitment_reviews_on_behalf_of_check
		check (on_behalf_of in ('cell_committee', 'cell', 'grassroots_committee', 'bloc_standing_committee'));
drop table catalog_fixes;
